package io.lectern.app.it;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Builds courses and lessons through the authoring API. */
public final class Courses {

  private static final Random RANDOM = new Random();

  private Courses() {}

  /**
   * A random lower-case word no dictionary has, so full-text searches find only this test's data.
   */
  public static String marker() {
    StringBuilder word = new StringBuilder("qz");
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return word.toString();
  }

  /** The top-level {@code field} of each element of a JSON array (not of nested objects). */
  public static java.util.List<String> each(
      com.fasterxml.jackson.databind.JsonNode array, String field) {
    java.util.List<String> values = new java.util.ArrayList<>();
    array.forEach(node -> values.add(node.path(field).asText()));
    return values;
  }

  /** Lesson titles of an outline tree, depth-first: the order a student reads them. */
  public static java.util.List<String> outlineTitles(
      com.fasterxml.jackson.databind.JsonNode nodes) {
    java.util.List<String> titles = new java.util.ArrayList<>();
    nodes.forEach(
        node -> {
          titles.add(node.path("title").asText());
          titles.addAll(outlineTitles(node.path("children")));
        });
    return titles;
  }

  public static Reply create(String token, Object fields) {
    return Api.post("/api/v1/courses", fields, token);
  }

  public static UUID draft(String token, String title) {
    return UUID.fromString(create(token, Map.of("title", title)).expect(201).text("id"));
  }

  public static UUID lesson(String token, UUID courseId, String title, String type, UUID parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("type", type);
    if (parent != null) {
      body.put("parentLessonId", parent.toString());
    }
    if (type.equals("video")) {
      body.put("videoUrl", "https://videos.example.org/" + UUID.randomUUID() + ".mp4");
    }
    return UUID.fromString(
        Api.post("/api/v1/courses/" + courseId + "/lessons", body, token).expect(201).text("id"));
  }

  /** A published course with one text lesson. */
  public static UUID published(String token, Map<String, Object> fields) {
    UUID id = UUID.fromString(create(token, fields).expect(201).text("id"));
    lesson(token, id, "Lesson one", "text", null);
    Api.post("/api/v1/courses/" + id + "/publish", null, token).expect(200);
    return id;
  }
}
