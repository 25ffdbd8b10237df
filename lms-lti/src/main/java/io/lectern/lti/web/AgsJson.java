package io.lectern.lti.web;

import io.lectern.lti.internal.LineItem;
import io.lectern.lti.internal.Score;
import io.lectern.shared.error.LmsException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The AGS 2.0 JSON shapes (line items, scores, results), read strictly and written as specified.
 */
final class AgsJson {

  private static final java.util.Set<String> ACTIVITY =
      java.util.Set.of("Initialized", "Started", "InProgress", "Submitted", "Completed");
  private static final java.util.Set<String> GRADING =
      java.util.Set.of("FullyGraded", "Pending", "PendingManual", "Failed", "NotReady");

  private AgsJson() {}

  static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      throw LmsException.invalidField("lti.body", "body", "a JSON object is required");
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw LmsException.invalidField("lti.body", "body", "must be a JSON object");
    }
  }

  static LineItem lineItem(JsonObject json) {
    String label = text(json, "label", 500);
    if (label == null || label.isBlank()) {
      throw LmsException.invalidField("lti.line-item", "label", "is required");
    }
    BigDecimal max = number(json, "scoreMaximum");
    if (max == null || max.signum() <= 0 || max.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
      throw LmsException.invalidField(
          "lti.line-item", "scoreMaximum", "is required, above 0 and at most 1000000");
    }
    String link = text(json, "resourceLinkId", 64);
    UUID lesson = null;
    if (link != null) {
      try {
        lesson = UUID.fromString(link);
      } catch (IllegalArgumentException e) {
        throw LmsException.invalidField(
            "lti.resource-link",
            "resourceLinkId",
            "is not a resource link of this tool in this course");
      }
    }
    return new LineItem(
        null,
        null,
        null,
        lesson,
        label.strip(),
        max,
        text(json, "resourceId", 255),
        text(json, "tag", 255),
        time(json, "startDateTime"),
        time(json, "endDateTime"));
  }

  static Score score(JsonObject json) {
    String user = text(json, "userId", 64);
    UUID userId;
    try {
      userId = UUID.fromString(user == null ? "" : user);
    } catch (IllegalArgumentException e) {
      throw LmsException.invalidField("lti.score", "userId", "must be the id of a Lectern user");
    }
    BigDecimal given = number(json, "scoreGiven");
    BigDecimal max = number(json, "scoreMaximum");
    if (given != null && (given.signum() < 0 || max == null || max.signum() <= 0)) {
      throw LmsException.invalidField(
          "lti.score", "scoreGiven", "must be 0 or more, with a scoreMaximum above 0");
    }
    String activity = text(json, "activityProgress", 20);
    if (activity == null || !ACTIVITY.contains(activity)) {
      throw LmsException.invalidField(
          "lti.score", "activityProgress", "must be one of " + String.join(", ", ACTIVITY));
    }
    String grading = text(json, "gradingProgress", 20);
    if (grading == null || !GRADING.contains(grading)) {
      throw LmsException.invalidField(
          "lti.score", "gradingProgress", "must be one of " + String.join(", ", GRADING));
    }
    Instant timestamp = time(json, "timestamp");
    if (timestamp == null) {
      throw LmsException.invalidField("lti.score", "timestamp", "is required (ISO-8601)");
    }
    return new Score(userId, given, max, activity, grading, text(json, "comment", 4000), timestamp);
  }

  static JsonObjectBuilder lineItemJson(String url, LineItem item) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", url)
            .add("label", item.label())
            .add("scoreMaximum", item.scoreMaximum());
    if (item.lessonId() != null) {
      json.add("resourceLinkId", item.lessonId().toString());
    }
    if (item.resourceId() != null) {
      json.add("resourceId", item.resourceId());
    }
    if (item.tag() != null) {
      json.add("tag", item.tag());
    }
    if (item.startAt() != null) {
      json.add("startDateTime", item.startAt().toString());
    }
    if (item.endAt() != null) {
      json.add("endDateTime", item.endAt().toString());
    }
    return json;
  }

  /** A result on the line item's scale (AGS: resultMaximum is the line item's maximum). */
  static JsonObjectBuilder resultJson(String lineItemUrl, LineItem item, Score score) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", lineItemUrl + "/results/" + score.userId())
            .add("scoreOf", lineItemUrl)
            .add("userId", score.userId().toString())
            .add("resultMaximum", item.scoreMaximum());
    if (score.scoreGiven() != null && score.scoreMaximum() != null) {
      json.add(
          "resultScore",
          score
              .scoreGiven()
              .multiply(item.scoreMaximum())
              .divide(score.scoreMaximum(), 4, RoundingMode.HALF_UP)
              .stripTrailingZeros());
    }
    if (score.comment() != null) {
      json.add("comment", score.comment());
    }
    return json;
  }

  private static String text(JsonObject json, String name, int max) {
    JsonValue value = json.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonString s) || s.getString().length() > max) {
      throw LmsException.invalidField(
          "lti.body", name, "must be a string of at most " + max + " characters");
    }
    return s.getString();
  }

  private static BigDecimal number(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber n)) {
      throw LmsException.invalidField("lti.body", name, "must be a number");
    }
    BigDecimal decimal = n.bigDecimalValue();
    if (decimal.abs().compareTo(BigDecimal.valueOf(100_000_000)) > 0) {
      throw LmsException.invalidField("lti.body", name, "is out of range");
    }
    return decimal.setScale(Math.min(4, Math.max(0, decimal.scale())), RoundingMode.HALF_UP);
  }

  private static Instant time(JsonObject json, String name) {
    String text = text(json, name, 64);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw LmsException.invalidField(
          "lti.body", name, "must be an ISO-8601 date-time with an offset");
    }
  }
}
