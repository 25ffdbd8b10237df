package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/v1/enrollments/{id}/activity: the enrolment's history from the outbox. */
class EnrollmentActivityIT {

  @Test
  void theStudentTheInstructorAndAdminsReadTheHistoryInOrderOthersDoNot() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    Accounts.Session student = Accounts.student();
    UUID enrollment = Enrolments.enrol(student.accessToken(), course.id());
    Enrolments.start(student.accessToken(), enrollment, course.lessons().get(0)).expect(200);
    Enrolments.heartbeat(student.accessToken(), enrollment, course.lessons().get(0), 20, 20)
        .expect(200);
    Enrolments.start(student.accessToken(), enrollment, course.lessons().get(0)).expect(200);
    Enrolments.complete(student.accessToken(), enrollment, course.lessons().get(0), 75).expect(200);
    String path = "/api/v1/enrollments/" + enrollment + "/activity";

    Reply mine = Api.get(path, student.accessToken()).expect(200);
    // The heartbeat is one watch session, placed when the watching began (the lesson's start).
    assertThat(types(mine.json()))
        .containsExactly(
            "enrollment.created", "lesson.started", "watch.session", "lesson.completed");
    JsonNode session = mine.json().path("items").get(2);
    assertThat(session.hasNonNull("eventId")).isFalse();
    assertThat(session.path("data").path("heartbeats").asInt()).isEqualTo(1);
    assertThat(session.path("data").path("secondsWatched").asInt()).isEqualTo(20);
    assertThat(session.path("data").path("lessonId").asText())
        .isEqualTo(course.lessons().get(0).toString());
    JsonNode completed = mine.json().path("items").get(3);
    assertThat(completed.path("data").path("lessonId").asText())
        .isEqualTo(course.lessons().get(0).toString());
    assertThat(completed.path("data").path("score").asInt()).isEqualTo(75);
    assertThat(completed.path("actor").asText()).isEqualTo(student.id().toString());
    assertThat(completed.path("eventId").asText()).isNotBlank();
    assertThat(mine.header("X-Total-Count")).isEqualTo("4");

    Reply paged = Api.get(path + "?size=3&page=1", teacher.accessToken()).expect(200);
    assertThat(types(paged.json())).containsExactly("lesson.completed");
    assertThat(String.join(", ", paged.allHeaders("Link")))
        .contains("rel=\"first\"")
        .contains("rel=\"prev\"")
        .doesNotContain("rel=\"next\"");
    assertThat(types(Api.get(path, Accounts.admin().accessToken()).expect(200).json())).hasSize(4);

    Api.get(path, Accounts.student().accessToken()).expectProblem(403, "enrollment.forbidden");
    Api.get(path, Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "enrollment.forbidden");
    Api.get("/api/v1/enrollments/" + UUID.randomUUID() + "/activity", student.accessToken())
        .expectProblem(404, "enrollment.not-found");
    Api.get(path, null).expectProblem(401, "auth.required");
    Api.get(path + "?size=1000", student.accessToken()).expect(400);
  }

  /**
   * Heartbeats on one lesson with no gap over LMS_ACTIVITY_SESSION_GAP_SECONDS (120 s by default)
   * make one session; a longer gap or another lesson starts a new one. Sent as an offline batch so
   * that the heartbeats can lie minutes apart; the history is merged by time.
   */
  @Test
  void heartbeatsAreSummarisedPerWatchSession() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    Accounts.Session student = Accounts.student();
    UUID enrollment = Enrolments.enrol(student.accessToken(), course.id());
    UUID first = course.lessons().get(0);
    UUID second = course.lessons().get(1);
    Instant t0 = Instant.now().minusSeconds(280).truncatedTo(ChronoUnit.SECONDS);
    List<Map<String, Object>> batch =
        List.of(
            event("s", first, "start", t0, null),
            event("h1", first, "heartbeat", t0.plusSeconds(30), 30),
            event("h2", first, "heartbeat", t0.plusSeconds(60), 30),
            event("h3", first, "heartbeat", t0.plusSeconds(90), 30),
            // Another lesson: its own session, although it lies within the first one's gap.
            event("h4", second, "heartbeat", t0.plusSeconds(100), 20),
            // 140 s after the first session ended: a new one.
            event("h5", first, "heartbeat", t0.plusSeconds(260), 30));
    Api.post(
            "/api/v1/enrollments/" + enrollment + "/progress/sync",
            Map.of("events", batch),
            student.accessToken())
        .expect(200);

    JsonNode page =
        Api.get("/api/v1/enrollments/" + enrollment + "/activity", student.accessToken())
            .expect(200)
            .json();
    assertThat(types(page))
        .containsExactly(
            "lesson.started",
            "watch.session",
            "lesson.started",
            "watch.session",
            "watch.session",
            "enrollment.created");
    JsonNode items = page.path("items");
    session(items.get(1), first, t0, t0.plusSeconds(90), 3, 90);
    session(items.get(3), second, t0.plusSeconds(100), t0.plusSeconds(100), 1, 20);
    session(items.get(4), first, t0.plusSeconds(230), t0.plusSeconds(260), 1, 30);
    assertThat(
            Db.count(
                "select count(*) from enrollment.watch_sessions where enrollment_id = ?",
                enrollment))
        .isEqualTo(3);
    assertThat(
            Db.count(
                "select count(*) from events.outbox where subject = ?", "enrollment:" + enrollment))
        .as("heartbeats are not outbox events")
        .isEqualTo(3);
  }

  private static void session(
      JsonNode item, UUID lesson, Instant start, Instant end, int beats, int seconds) {
    assertThat(item.path("type").asText()).isEqualTo("watch.session");
    JsonNode data = item.path("data");
    assertThat(data.path("lessonId").asText()).isEqualTo(lesson.toString());
    assertThat(Instant.parse(data.path("startedAt").asText())).isEqualTo(start);
    assertThat(Instant.parse(item.path("occurredAt").asText())).isEqualTo(start);
    assertThat(Instant.parse(data.path("endedAt").asText())).isEqualTo(end);
    assertThat(data.path("heartbeats").asInt()).isEqualTo(beats);
    assertThat(data.path("secondsWatched").asInt()).isEqualTo(seconds);
  }

  private static Map<String, Object> event(
      String id, UUID lesson, String type, Instant at, Integer seconds) {
    Map<String, Object> event = new HashMap<>();
    event.put("eventId", id);
    event.put("lessonId", lesson.toString());
    event.put("type", type);
    event.put("occurredAt", at.toString());
    if (seconds != null) {
      event.put("seconds", seconds);
    }
    return event;
  }

  private static List<String> types(JsonNode page) {
    List<String> types = new ArrayList<>();
    page.path("items").forEach(i -> types.add(i.path("type").asText()));
    return types;
  }
}
