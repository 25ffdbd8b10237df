package io.lectern.tutorials.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import io.lectern.shared.json.GuardedJsonInput;
import io.lectern.tutorials.api.BrowserProgress;
import io.lectern.tutorials.api.ImportReport.ImportError;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bodies that are parsed by hand: the optional bodies of DELETE and "complete" (which may
 * be empty, or come without a Content-Type) and the browser import batch, where a record of the
 * wrong shape must fail only itself and not the whole batch. JSON types are checked strictly, as
 * everywhere in the API.
 */
final class JsonBodies {

  private JsonBodies() {}

  /** An import batch: the records that have the right shape, and why the others do not. */
  record Batch(String userId, List<BrowserProgress> records, List<ImportError> errors) {}

  private static final class WrongShape extends RuntimeException {
    WrongShape(String message) {
      super(message, null, false, false);
    }
  }

  /** The body as JSON, or null when there is none. */
  static JsonValue parse(InputStream body) {
    String text;
    try {
      text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (text.isBlank()) {
      return null;
    }
    try (JsonParser parser = Json.createParser(new StringReader(text))) {
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw malformed(); // something after the value
      }
      return value;
    } catch (JsonException | java.util.NoSuchElementException e) {
      throw malformed();
    }
  }

  /** The {@code userId} of an optional {@code {"userId": ...}} body. */
  static String userIdOf(JsonValue body) {
    if (body == null || body.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(body instanceof JsonObject object)) {
      throw malformed();
    }
    try {
      return string(object, "userId");
    } catch (WrongShape e) {
      throw malformed();
    }
  }

  /** The optional body of "complete": absent or null means {} (the caller, no details). */
  static TutorialRequests.CompleteRequest completeRequestOf(JsonValue body) {
    if (body == null || body.getValueType() == JsonValue.ValueType.NULL) {
      return new TutorialRequests.CompleteRequest(null, null, null, null);
    }
    if (!(body instanceof JsonObject object)) {
      throw malformed();
    }
    try {
      return new TutorialRequests.CompleteRequest(
          string(object, "userId"),
          string(object, "tutorialTitle"),
          string(object, "difficulty"),
          wholeNumber(object, "durationMinutes", null));
    } catch (WrongShape e) {
      throw malformed();
    }
  }

  /**
   * A batch is a JSON array of browser progress objects, or {@code {"userId"?, "records": [...]}}.
   * A record may also be the raw localStorage value, a string holding the object's JSON.
   */
  static Batch batch(JsonValue body, int maxRecords) {
    if (body == null) {
      throw invalidBody("a JSON request body is required");
    }
    JsonArray array;
    String userId = null;
    if (body instanceof JsonArray list) {
      array = list;
    } else if (body instanceof JsonObject object
        && object.get("records") instanceof JsonArray list) {
      array = list;
      try {
        userId = string(object, "userId");
      } catch (WrongShape e) {
        throw malformed();
      }
    } else {
      throw invalidBody(
          "must be an array of progress objects or an object with a \"records\" array");
    }
    if (array.size() > maxRecords) {
      throw new LmsException(
          ErrorKind.PAYLOAD_TOO_LARGE,
          "tutorials.import-too-large",
          "A batch may hold at most " + maxRecords + " progress records; send several batches.");
    }
    List<BrowserProgress> records = new ArrayList<>();
    List<ImportError> errors = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonValue element = array.get(i);
      String tutorialId = null;
      try {
        JsonObject object = asObject(element);
        tutorialId = object.get("tutorialId") instanceof JsonString s ? s.getString() : null;
        records.add(record(i, object));
      } catch (WrongShape e) {
        errors.add(new ImportError(i, tutorialId, "Invalid record: " + e.getMessage() + "."));
      }
    }
    return new Batch(userId, records, errors);
  }

  private static JsonObject asObject(JsonValue element) {
    if (element instanceof JsonObject object) {
      return object;
    }
    if (element instanceof JsonString text) {
      try {
        GuardedJsonInput.check(text.getString(), GuardedJsonInput.DEFAULT_MAX_DEPTH);
      } catch (LmsException e) {
        throw new WrongShape(
            "the stored progress text holds a control character or nests too deep");
      }
      try (JsonReader reader = Json.createReader(new StringReader(text.getString()))) {
        if (reader.readValue() instanceof JsonObject object) {
          return object;
        }
      } catch (JsonException e) {
        // falls through to the shape error
      }
    }
    throw new WrongShape("the record must be a progress object");
  }

  private static BrowserProgress record(int index, JsonObject object) {
    List<BrowserProgress.Chapter> chapters = new ArrayList<>();
    JsonArray chapterArray = array(object, "chapterProgress");
    for (int i = 0; chapterArray != null && i < chapterArray.size(); i++) {
      String path = "chapterProgress[" + i + "]";
      JsonObject chapter = object(chapterArray.get(i), path);
      chapters.add(
          new BrowserProgress.Chapter(
              string(chapter, "chapterId", path),
              number(chapter, "watchTime", path),
              bool(chapter, "completed", path),
              number(chapter, "lastPosition", path)));
    }
    List<BrowserProgress.Quiz> quizzes = new ArrayList<>();
    JsonArray quizArray = array(object, "quizScores");
    for (int i = 0; quizArray != null && i < quizArray.size(); i++) {
      String path = "quizScores[" + i + "]";
      JsonObject quiz = object(quizArray.get(i), path);
      quizzes.add(
          new BrowserProgress.Quiz(
              string(quiz, "quizId", path),
              number(quiz, "score", path),
              number(quiz, "maxScore", path),
              bool(quiz, "passed", path),
              wholeNumber(quiz, "attempts", path),
              time(quiz, "completedAt", path)));
    }
    return new BrowserProgress(
        index,
        string(object, "tutorialId"),
        wholeNumber(object, "totalChapters", null),
        chapters,
        quizzes,
        time(object, "lastWatchedAt", null));
  }

  private static String name(String path, String field) {
    return path == null ? field : path + "." + field;
  }

  private static JsonValue value(JsonObject object, String field) {
    JsonValue value = object.get(field);
    return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
  }

  private static String string(JsonObject object, String field) {
    return string(object, field, null);
  }

  private static String string(JsonObject object, String field, String path) {
    JsonValue value = value(object, field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonString text) {
      return text.getString();
    }
    throw new WrongShape(name(path, field) + " must be a string");
  }

  private static Double number(JsonObject object, String field, String path) {
    JsonValue value = value(object, field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNumber number) {
      return number.bigDecimalValue().doubleValue();
    }
    throw new WrongShape(name(path, field) + " must be a number");
  }

  private static Integer wholeNumber(JsonObject object, String field, String path) {
    JsonValue value = value(object, field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNumber number) {
      try {
        return number.bigDecimalValue().intValueExact();
      } catch (ArithmeticException e) {
        throw new WrongShape(name(path, field) + " must be a whole number");
      }
    }
    throw new WrongShape(name(path, field) + " must be a number");
  }

  private static Boolean bool(JsonObject object, String field, String path) {
    JsonValue value = value(object, field);
    if (value == null) {
      return null;
    }
    return switch (value.getValueType()) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      default -> throw new WrongShape(name(path, field) + " must be true or false");
    };
  }

  private static Instant time(JsonObject object, String field, String path) {
    String text;
    try {
      text = string(object, field, path);
    } catch (WrongShape e) {
      throw new WrongShape(name(path, field) + " must be an ISO-8601 time");
    }
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new WrongShape(name(path, field) + " must be an ISO-8601 time");
    }
  }

  private static JsonArray array(JsonObject object, String field) {
    JsonValue value = value(object, field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonArray array) {
      return array;
    }
    throw new WrongShape(field + " must be an array");
  }

  private static JsonObject object(JsonValue value, String path) {
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new WrongShape(path + " must be an object");
  }

  private static LmsException malformed() {
    return LmsException.validation(
        "request.malformed-json",
        "The request body is not valid JSON, or a field has the wrong type or an unknown value.",
        List.of());
  }

  private static LmsException invalidBody(String message) {
    return LmsException.validation(
        "request.invalid",
        "Invalid request: body " + message + ".",
        List.of(new Violation("body", message)));
  }
}
