package io.lectern.events.internal;

import io.lectern.events.api.EventTypes;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns outbox events into xAPI 1.0.3 statements (README: xAPI has the mapping). Written with
 * JSON-P, the JSON library the server already uses: the xAPI model library considered (ADR 0021)
 * could not be resolved here. Each statement's id is derived from the event's id and its place
 * among the event's statements, so a retry or a second node sends the same ids and an LRS keeps one
 * statement per fact.
 */
final class XapiStatements {

  private XapiStatements() {}

  static final String VERBS = "http://adlnet.gov/expapi/verbs/";
  static final String ACTIVITIES = "http://adlnet.gov/expapi/activities/";

  /** cmi5's progress extension (0-100), the usual companion of the progressed verb. */
  static final String PROGRESS_EXTENSION = "https://w3id.org/xapi/cmi5/result/extensions/progress";

  /** Fixed namespace of Lectern's name-based statement ids (RFC 4122 version 5). */
  static final UUID NAMESPACE = UUID.fromString("8f1b7d7e-6a4c-5d2e-9b0a-2f4c1d3e5a71");

  /**
   * One outbox event as the forwarder reads it; {@code startedAt} is the start of what the event
   * ends when the outbox knows it (a graded quiz attempt's start), else null.
   */
  record Event(UUID id, String type, Instant occurredAt, Instant startedAt, JsonObject payload) {}

  /** The statements for one event, in order; empty for a type that has none. */
  static List<JsonObject> of(Event event, String base) {
    Builder b = new Builder(event, base);
    JsonObject p = event.payload();
    switch (event.type()) {
      case EventTypes.ENROLLMENT_CREATED -> b.add("registered", b.course(), null, null);
      case EventTypes.LESSON_STARTED -> b.add("launched", b.lesson(), b.inCourse(), null);
      case EventTypes.LESSON_COMPLETED -> {
        JsonObjectBuilder result = Json.createObjectBuilder().add("completion", true);
        if (p.containsKey("score") && p.get("score").getValueType() == JsonValue.ValueType.NUMBER) {
          result.add(
              "score",
              score(
                  p.getJsonNumber("score").bigDecimalValue(),
                  BigDecimal.ZERO,
                  BigDecimal.valueOf(100)));
        }
        b.add("completed", b.lesson(), b.inCourse(), result);
      }
      case EventTypes.QUIZ_ATTEMPT_GRADED -> {
        JsonObjectBuilder scored = Json.createObjectBuilder().add("completion", true);
        JsonObjectBuilder verdict =
            Json.createObjectBuilder()
                .add("completion", true)
                .add("success", p.getBoolean("passed"));
        if (p.get("percentage") instanceof JsonNumber percentage) {
          JsonObject score =
              score(percentage.bigDecimalValue(), BigDecimal.ZERO, BigDecimal.valueOf(100));
          scored.add("score", score);
          verdict.add("score", score);
        }
        String duration = duration(event.startedAt(), event.occurredAt());
        if (duration != null) {
          scored.add("duration", duration);
          verdict.add("duration", duration);
        }
        b.add("scored", b.quiz(), b.inLessonAndCourse(), scored);
        b.add(
            p.getBoolean("passed") ? "passed" : "failed", b.quiz(), b.inLessonAndCourse(), verdict);
      }
      case EventTypes.ENROLLMENT_COMPLETED ->
          b.add("completed", b.course(), null, Json.createObjectBuilder().add("completion", true));
      case EventTypes.TUTORIAL_CHAPTER_RECORDED -> {
        boolean done = p.getBoolean("completed");
        int progress = Math.max(0, Math.min(100, p.getInt("completionPercentage")));
        JsonObjectBuilder result =
            Json.createObjectBuilder()
                .add("completion", done)
                .add(
                    "extensions",
                    Json.createObjectBuilder().add(PROGRESS_EXTENSION, done ? 100 : progress));
        b.add(done ? "completed" : "progressed", b.chapter(), b.inTutorial(), result);
      }
      case EventTypes.TUTORIAL_QUIZ_RECORDED -> {
        int max = Math.max(0, p.getInt("maxScore"));
        int raw = Math.max(0, Math.min(max, p.getInt("score")));
        JsonObjectBuilder result =
            Json.createObjectBuilder()
                .add("completion", true)
                .add("success", p.getBoolean("passed"));
        if (max > 0) {
          result.add(
              "score", score(BigDecimal.valueOf(raw), BigDecimal.ZERO, BigDecimal.valueOf(max)));
        }
        b.add(
            p.getBoolean("passed") ? "passed" : "failed", b.tutorialQuiz(), b.inTutorial(), result);
      }
      case EventTypes.TUTORIAL_COMPLETION_RECORDED ->
          b.add(
              "completed", b.tutorial(), null, Json.createObjectBuilder().add("completion", true));
      default -> {
        // not a learning event: nothing to send
      }
    }
    return b.statements;
  }

  /** scaled in [0, 1] with four decimals; raw clamped into [min, max] as the spec requires. */
  static JsonObject score(BigDecimal raw, BigDecimal min, BigDecimal max) {
    BigDecimal clamped = raw.max(min).min(max);
    BigDecimal scaled =
        max.signum() == 0
            ? BigDecimal.ZERO
            : clamped.divide(max, 4, RoundingMode.HALF_UP).stripTrailingZeros();
    return Json.createObjectBuilder()
        .add("scaled", scaled)
        .add("raw", clamped.stripTrailingZeros())
        .add("min", min)
        .add("max", max)
        .build();
  }

  /**
   * ISO 8601 duration to the hundredth of a second (the precision xAPI keeps); null when the start
   * is unknown or after the end.
   */
  static String duration(Instant start, Instant end) {
    if (start == null || end.isBefore(start)) {
      return null;
    }
    java.time.Duration d = java.time.Duration.between(start, end);
    return java.time.Duration.ofMillis(d.toMillis() / 10 * 10).toString();
  }

  /** Name-based UUID (version 5, SHA-1) of the event id and the statement's index. */
  static UUID statementId(UUID eventId, int index) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer namespace = ByteBuffer.allocate(16);
      namespace.putLong(NAMESPACE.getMostSignificantBits());
      namespace.putLong(NAMESPACE.getLeastSignificantBits());
      sha1.update(namespace.array());
      sha1.update((eventId + "#" + index).getBytes(StandardCharsets.UTF_8));
      byte[] hash = sha1.digest();
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bytes.getLong(), bytes.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  /** Collects one event's statements, with the parts they share. */
  private static final class Builder {
    private final Event event;
    private final JsonObject p;
    private final String base;
    private final List<JsonObject> statements = new ArrayList<>();

    Builder(Event event, String base) {
      this.event = event;
      this.p = event.payload();
      this.base = base;
    }

    void add(String verb, JsonObject object, JsonArrayBuilder parents, JsonObjectBuilder result) {
      JsonObjectBuilder s =
          Json.createObjectBuilder()
              .add("id", statementId(event.id(), statements.size()).toString())
              .add("actor", actor())
              .add(
                  "verb",
                  Json.createObjectBuilder()
                      .add("id", VERBS + verb)
                      .add("display", Json.createObjectBuilder().add("en-US", verb)))
              .add("object", object)
              .add(
                  "timestamp",
                  DateTimeFormatter.ISO_INSTANT.format(
                      event.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
      if (result != null) {
        s.add("result", result);
      }
      JsonObjectBuilder context = Json.createObjectBuilder().add("platform", "Lectern");
      if (p.containsKey("enrollmentId")) {
        // Enrolment ids are UUIDs: the registration groups one learner's attempt at a course.
        context.add("registration", p.getString("enrollmentId"));
      }
      if (parents != null) {
        context.add("contextActivities", Json.createObjectBuilder().add("parent", parents));
      }
      context.add(
          "extensions",
          Json.createObjectBuilder()
              .add(base + "/xapi/extensions/event-id", event.id().toString()));
      statements.add(s.add("context", context).build());
    }

    JsonObject actor() {
      String user = p.containsKey("studentId") ? p.getString("studentId") : p.getString("userId");
      return Json.createObjectBuilder()
          .add("objectType", "Agent")
          .add("account", Json.createObjectBuilder().add("homePage", base).add("name", user))
          .build();
    }

    JsonObject course() {
      return activity("/xapi/courses/" + p.getString("courseId"), "course");
    }

    JsonObject lesson() {
      return activity("/xapi/lessons/" + p.getString("lessonId"), "lesson");
    }

    JsonObject quiz() {
      return activity("/xapi/quizzes/" + p.getString("quizId"), "assessment");
    }

    JsonObject tutorial() {
      return activity("/xapi/tutorials/" + segment(p.getString("tutorialId")), "course");
    }

    JsonObject chapter() {
      return activity(
          "/xapi/tutorials/"
              + segment(p.getString("tutorialId"))
              + "/chapters/"
              + segment(p.getString("chapterId")),
          "module");
    }

    JsonObject tutorialQuiz() {
      return activity(
          "/xapi/tutorials/"
              + segment(p.getString("tutorialId"))
              + "/quizzes/"
              + segment(p.getString("quizId")),
          "assessment");
    }

    JsonArrayBuilder inCourse() {
      return Json.createArrayBuilder().add(course());
    }

    JsonArrayBuilder inLessonAndCourse() {
      return Json.createArrayBuilder().add(lesson()).add(course());
    }

    JsonArrayBuilder inTutorial() {
      return Json.createArrayBuilder().add(tutorial());
    }

    private JsonObject activity(String path, String type) {
      return Json.createObjectBuilder()
          .add("objectType", "Activity")
          .add("id", base + path)
          .add("definition", Json.createObjectBuilder().add("type", ACTIVITIES + type))
          .build();
    }

    /** Tutorial and chapter ids are free text: percent-encoded into one IRI segment. */
    private static String segment(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }
}
