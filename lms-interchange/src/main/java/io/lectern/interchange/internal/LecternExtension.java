package io.lectern.interchange.internal;

import io.lectern.courses.api.LessonType;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Lectern's own export adds to a cartridge ({@code lectern/course.json}, an associated-content
 * resource other systems ignore): course settings and, per organization item, the lesson attributes
 * Common Cartridge has no place for (type, video URL, duration, preview, description, quiz passing
 * score). A package without it imports with defaults; values in it are checked like any other
 * input.
 */
record LecternExtension(
    String courseTitle,
    String description,
    String category,
    String difficulty,
    Integer estimatedDurationMinutes,
    Map<String, LessonExtra> lessons) {

  static final String FORMAT = "lectern-course/1";

  record LessonExtra(
      LessonType type,
      String videoUrl,
      String description,
      Integer durationMinutes,
      boolean preview,
      String content,
      Integer passingScore,
      String quizDescription) {}

  private static final LecternExtension NONE =
      new LecternExtension(null, null, null, null, null, Map.of());

  static LecternExtension none() {
    return NONE;
  }

  LessonExtra lesson(String itemIdentifier) {
    return itemIdentifier == null ? null : lessons.get(itemIdentifier);
  }

  static LecternExtension read(PackageArchive archive, InterchangeLimits limits) {
    Optional<byte[]> file = archive.file(CourseImporter.LECTERN_EXTENSION);
    if (file.isEmpty() || file.get().length > limits.maxXmlBytes()) {
      return none();
    }
    JsonObject root;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(file.get()))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object) || !FORMAT.equals(string(object, "format", 50))) {
        return none();
      }
      root = object;
    } catch (JsonException | IllegalStateException e) {
      return none();
    }
    JsonObject course = object(root, "course");
    Map<String, LessonExtra> lessons = new HashMap<>();
    JsonObject byItem = object(root, "lessons");
    for (var entry : byItem.entrySet()) {
      if (entry.getValue() instanceof JsonObject l) {
        String url = string(l, "videoUrl", 1000);
        lessons.put(
            entry.getKey(),
            new LessonExtra(
                LessonType.fromValue(string(l, "type", 20)),
                url != null && url.matches("(?i)https?://\\S+") ? url : null,
                string(l, "description", 20_000),
                whole(l, "durationMinutes", 1, 100_000),
                l.getBoolean("preview", false),
                string(l, "content", CourseImporter.MAX_CONTENT),
                whole(l, "passingScore", 0, 100),
                string(l, "quizDescription", 20_000)));
      }
    }
    String difficulty = string(course, "difficulty", 20);
    return new LecternExtension(
        string(course, "title", CourseImporter.MAX_TITLE),
        string(course, "description", 20_000),
        string(course, "category", 100),
        difficulty != null && difficulty.matches("beginner|intermediate|advanced")
            ? difficulty
            : null,
        whole(course, "estimatedDurationMinutes", 1, 100_000),
        lessons);
  }

  private static JsonObject object(JsonObject parent, String name) {
    return parent.get(name) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
  }

  private static String string(JsonObject o, String name, int max) {
    if (!(o.get(name) instanceof jakarta.json.JsonString s)) {
      return null;
    }
    String v = s.getString();
    return v.isBlank() || v.length() > max ? null : v;
  }

  private static Integer whole(JsonObject o, String name, int min, int max) {
    if (!(o.get(name) instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
      return null;
    }
    long v = n.longValue();
    return v < min || v > max ? null : (int) v;
  }
}
