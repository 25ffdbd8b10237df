package io.lectern.quiz.internal;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON stored in the quiz tables' jsonb columns, read and written with JSON-P. */
final class QuizJson {

  private QuizJson() {}

  static String writeOptions(List<QuestionDef.Option> options) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (QuestionDef.Option o : options) {
      array.add(
          Json.createObjectBuilder()
              .add("id", o.id())
              .add("text", o.text())
              .add("correct", o.correct()));
    }
    return array.build().toString();
  }

  static List<QuestionDef.Option> readOptions(String json) {
    List<QuestionDef.Option> options = new ArrayList<>();
    if (json == null) {
      return options;
    }
    for (JsonValue v : array(json)) {
      JsonObject o = v.asJsonObject();
      options.add(
          new QuestionDef.Option(
              o.getString("id"), o.getString("text"), o.getBoolean("correct", false)));
    }
    return options;
  }

  static String writeStrings(List<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array.build().toString();
  }

  static List<String> readStrings(String json) {
    List<String> values = new ArrayList<>();
    if (json == null) {
      return values;
    }
    for (JsonValue v : array(json)) {
      values.add(((JsonString) v).getString());
    }
    return values;
  }

  static String writeOrder(List<Attempt.Shown> order) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Attempt.Shown shown : order) {
      JsonArrayBuilder options = Json.createArrayBuilder();
      shown.optionIds().forEach(options::add);
      array.add(
          Json.createObjectBuilder()
              .add("questionId", shown.questionId().toString())
              .add("optionIds", options));
    }
    return array.build().toString();
  }

  static List<Attempt.Shown> readOrder(String json) {
    List<Attempt.Shown> order = new ArrayList<>();
    for (JsonValue v : array(json)) {
      JsonObject o = v.asJsonObject();
      List<String> options = new ArrayList<>();
      o.getJsonArray("optionIds").forEach(id -> options.add(((JsonString) id).getString()));
      order.add(new Attempt.Shown(UUID.fromString(o.getString("questionId")), options));
    }
    return order;
  }

  static String writeAnswers(Map<UUID, Grading.Answer> answers) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    answers.forEach((id, a) -> object.add(id.toString(), answer(a)));
    return object.build().toString();
  }

  static JsonObject answer(Grading.Answer a) {
    JsonObjectBuilder o = Json.createObjectBuilder();
    if (a.optionIds() != null) {
      JsonArrayBuilder ids = Json.createArrayBuilder();
      a.optionIds().forEach(ids::add);
      o.add("optionIds", ids);
    }
    if (a.value() != null) {
      o.add("value", a.value());
    }
    if (a.text() != null) {
      o.add("text", a.text());
    }
    return o.build();
  }

  static Map<UUID, Grading.Answer> readAnswers(String json) {
    Map<UUID, Grading.Answer> answers = new LinkedHashMap<>();
    JsonObject object;
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      object = reader.readObject();
    }
    for (var entry : object.entrySet()) {
      JsonObject a = entry.getValue().asJsonObject();
      List<String> ids = null;
      if (a.containsKey("optionIds")) {
        ids = new ArrayList<>();
        for (JsonValue id : a.getJsonArray("optionIds")) {
          ids.add(((JsonString) id).getString());
        }
      }
      Boolean value = a.containsKey("value") ? a.getBoolean("value") : null;
      String text = a.containsKey("text") ? a.getString("text") : null;
      answers.put(UUID.fromString(entry.getKey()), new Grading.Answer(ids, value, text));
    }
    return answers;
  }

  static String writeResults(List<Grading.QuestionResult> results) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Grading.QuestionResult r : results) {
      array.add(
          Json.createObjectBuilder()
              .add("questionId", r.questionId().toString())
              .add("answered", r.answered())
              .add("correct", r.correct())
              .add("pointsAwarded", r.awarded()));
    }
    return array.build().toString();
  }

  static List<Grading.QuestionResult> readResults(String json) {
    List<Grading.QuestionResult> results = new ArrayList<>();
    for (JsonValue v : array(json)) {
      JsonObject o = v.asJsonObject();
      results.add(
          new Grading.QuestionResult(
              UUID.fromString(o.getString("questionId")),
              o.getBoolean("answered"),
              o.getBoolean("correct"),
              o.getInt("pointsAwarded")));
    }
    return results;
  }

  static JsonObject object(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static JsonArray array(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readArray();
    }
  }
}
