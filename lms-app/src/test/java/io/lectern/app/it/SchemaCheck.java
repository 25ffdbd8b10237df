package io.lectern.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema of the served document: types, nullable,
 * required and declared properties, array items, enums, $ref and allOf, string lengths, number
 * ranges and the uuid and date-time formats. That is every keyword the document uses.
 */
final class SchemaCheck {

  private final JsonNode document;

  SchemaCheck(JsonNode document) {
    this.document = document;
  }

  /** The mismatches, each as {@code path: what}; empty when the value fits. */
  List<String> check(JsonNode value, JsonNode schema) {
    List<String> problems = new ArrayList<>();
    check(value, schema, "$", problems, 0);
    return problems;
  }

  private void check(
      JsonNode value, JsonNode schema, String path, List<String> problems, int depth) {
    if (schema == null || schema.isMissingNode() || depth > 40) {
      return;
    }
    if (schema.has("$ref")) {
      check(value, resolve(schema.get("$ref").asText()), path, problems, depth + 1);
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && !allOfNullable(schema)) {
        problems.add(path + ": null where the schema does not allow it");
      }
      return;
    }
    for (JsonNode part : schema.path("allOf")) {
      check(value, part, path, problems, depth + 1);
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> object(value, schema, path, problems, depth);
      case "array" -> {
        if (!value.isArray()) {
          problems.add(path + ": expected an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), schema.path("items"), path + "[" + i + "]", problems, depth + 1);
        }
      }
      case "string" -> string(value, schema, path, problems);
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(path + ": expected an integer, got " + value);
        }
        range(value, schema, path, problems);
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(path + ": expected a number, got " + value);
        }
        range(value, schema, path, problems);
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(path + ": expected a boolean, got " + value);
        }
      }
      default -> {
        // No type: anything goes.
      }
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
    }
  }

  private void object(
      JsonNode value, JsonNode schema, String path, List<String> problems, int depth) {
    if (!value.isObject()) {
      problems.add(path + ": expected an object, got " + abbreviate(value));
      return;
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        problems.add(path + ": required property " + required.asText() + " is missing");
      }
    }
    JsonNode properties = schema.path("properties");
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode declared = properties.get(field.getKey());
      if (declared != null) {
        check(field.getValue(), declared, path + "." + field.getKey(), problems, depth + 1);
      } else if (properties.size() > 0 && !schema.has("additionalProperties")) {
        problems.add(path + ": property " + field.getKey() + " is not in the schema");
      } else if (schema.path("additionalProperties").isObject()) {
        check(
            field.getValue(),
            schema.get("additionalProperties"),
            path + "." + field.getKey(),
            problems,
            depth + 1);
      }
    }
  }

  private static void string(JsonNode value, JsonNode schema, String path, List<String> problems) {
    if (!value.isTextual()) {
      problems.add(path + ": expected a string, got " + abbreviate(value));
      return;
    }
    String text = value.asText();
    if (schema.has("maxLength")
        && text.codePointCount(0, text.length()) > schema.get("maxLength").asInt()) {
      problems.add(path + ": longer than " + schema.get("maxLength"));
    }
    if (schema.has("minLength")
        && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
      problems.add(path + ": shorter than " + schema.get("minLength"));
    }
    switch (schema.path("format").asText("")) {
      case "uuid" -> {
        try {
          UUID.fromString(text);
        } catch (IllegalArgumentException e) {
          problems.add(path + ": not a uuid: " + text);
        }
      }
      case "date-time" -> {
        try {
          java.time.OffsetDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
          problems.add(path + ": not a date-time: " + text);
        }
      }
      default -> {
        // Other formats are descriptive.
      }
    }
  }

  private static void range(JsonNode value, JsonNode schema, String path, List<String> problems) {
    if (!value.isNumber()) {
      return;
    }
    if (schema.has("minimum")
        && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
      problems.add(path + ": below the minimum " + schema.get("minimum"));
    }
    if (schema.has("maximum")
        && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
      problems.add(path + ": above the maximum " + schema.get("maximum"));
    }
  }

  private boolean allOfNullable(JsonNode schema) {
    return schema.has("allOf") && schema.path("nullable").asBoolean(false);
  }

  private static boolean contains(JsonNode options, JsonNode value) {
    for (JsonNode option : options) {
      if (option.equals(value)) {
        return true;
      }
    }
    return false;
  }

  JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("Only local references are used: " + ref);
    }
    return document.at(ref.substring(1));
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
