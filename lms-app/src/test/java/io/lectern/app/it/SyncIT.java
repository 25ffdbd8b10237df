package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Enrolments.CourseWithLessons;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Offline sync: batches applied once, in order, with the live rules. */
class SyncIT {

  private final Accounts.Session teacher = Accounts.withRole("instructor");
  private final Accounts.Session student = Accounts.student();

  private static Map<String, Object> event(
      String id, UUID lesson, String type, Instant at, Integer seconds, Integer position) {
    Map<String, Object> event = new HashMap<>();
    event.put("eventId", id);
    event.put("lessonId", lesson.toString());
    event.put("type", type);
    event.put("occurredAt", at.toString());
    if (seconds != null) {
      event.put("seconds", seconds);
    }
    if (position != null) {
      event.put("positionSeconds", position);
    }
    return event;
  }

  private static Reply sync(String token, UUID enrollment, List<Map<String, Object>> events) {
    return Api.post(
        "/api/v1/enrollments/" + enrollment + "/progress/sync", Map.of("events", events), token);
  }

  private static List<Map<String, Object>> snapshot(UUID enrollment) {
    List<Map<String, Object>> rows =
        new ArrayList<>(
            Db.rows(
                "select * from enrollment.lesson_progress where enrollment_id = ?"
                    + " order by lesson_id",
                enrollment));
    rows.add(Enrolments.row(enrollment));
    return rows;
  }

  @Test
  void aBatchIsAppliedInTimeOrderAndAReplayChangesNothing() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID first = course.lessons().get(0);
    UUID second = course.lessons().get(1);
    Instant t0 = Instant.now().minus(4, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> complete = event("c-1", first, "complete", t0.plusSeconds(180), null, null);
    complete.put("score", 70);
    List<Map<String, Object>> batch =
        List.of(
            // Sent out of order on purpose: applied by occurredAt.
            event("hb-1", first, "heartbeat", t0.plusSeconds(120), 120, 95),
            complete,
            event("s-1", first, "start", t0, null, null),
            event("hb-2", second, "heartbeat", t0.plusSeconds(200), 500, 30));

    Reply applied = sync(student.accessToken(), id, batch).expect(200);
    var results = applied.json().path("results");
    assertThat(Courses.each(results, "eventId")).containsExactly("hb-1", "c-1", "s-1", "hb-2");
    assertThat(Courses.each(results, "status"))
        .containsExactly("applied", "applied", "applied", "applied");
    // 120 s two minutes after the start fit; the unstarted lesson allows 60 s of its 500.
    assertThat(results.get(0).path("acceptedSeconds").asInt()).isEqualTo(120);
    assertThat(results.get(3).path("acceptedSeconds").asInt()).isEqualTo(60);
    assertThat(applied.json().path("course").path("completedLessons").asInt()).isEqualTo(1);
    assertThat(applied.json().path("course").path("totalTimeSpentSeconds").asInt()).isEqualTo(180);

    Map<String, Object> lesson =
        Db.row(
            "select status, time_spent_seconds, attempts, best_score, last_position_seconds,"
                + " first_started_at from enrollment.lesson_progress"
                + " where enrollment_id = ? and lesson_id = ?",
            id,
            first);
    assertThat(lesson.get("status")).isEqualTo("completed");
    assertThat(((Number) lesson.get("time_spent_seconds")).intValue()).isEqualTo(120);
    assertThat(((Number) lesson.get("attempts")).intValue()).isEqualTo(1);
    assertThat(((Number) lesson.get("best_score")).intValue()).isEqualTo(70);
    assertThat(((Number) lesson.get("last_position_seconds")).intValue()).isEqualTo(95);

    List<Map<String, Object>> before = snapshot(id);
    Reply replay = sync(student.accessToken(), id, batch).expect(200);
    assertThat(Courses.each(replay.json().path("results"), "status")).containsOnly("duplicate");
    assertThat(snapshot(id)).isEqualTo(before);
    assertThat(
            Db.count(
                "select count(*) from enrollment.processed_sync_events where enrollment_id = ?",
                id))
        .isEqualTo(4);
  }

  @Test
  void badEventsAreRejectedOneByOne() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    Instant now = Instant.now();
    Reply reply =
        sync(
                student.accessToken(),
                id,
                List.of(
                    event("future", lesson, "start", now.plus(1, ChronoUnit.HOURS), null, null),
                    event("ancient", lesson, "start", now.minus(2, ChronoUnit.DAYS), null, null),
                    event("foreign", UUID.randomUUID(), "start", now, null, null),
                    event("no-seconds", lesson, "heartbeat", now, null, 4),
                    event("ok", lesson, "start", now.minusSeconds(1), null, null),
                    event("ok", lesson, "start", now, null, null)))
            .expect(200);
    var results = reply.json().path("results");
    assertThat(Courses.each(results, "status"))
        .containsExactly("rejected", "rejected", "rejected", "rejected", "applied", "duplicate");
    assertThat(results.get(0).path("detail").asText()).contains("future");
    assertThat(
            Db.count(
                "select count(*) from enrollment.processed_sync_events where enrollment_id = ?",
                id))
        .isEqualTo(1);
  }

  @Test
  void olderEventsNeitherUndoCompletionNorMoveThePositionBack() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    String token = student.accessToken();
    Enrolments.heartbeat(token, id, lesson, 10, 200).expect(200);
    Enrolments.complete(token, id, lesson, 50).expect(200);
    Instant earlier = Instant.now().minusSeconds(30);
    Map<String, Object> retry = event("late-complete", lesson, "complete", earlier, null, null);
    retry.put("score", 90);
    sync(
            token,
            id,
            List.of(
                event("late-start", lesson, "start", earlier, null, null),
                event("late-beat", lesson, "heartbeat", earlier, 5, 12),
                retry))
        .expect(200);
    Map<String, Object> row =
        Db.row(
            "select status, last_position_seconds, best_score, attempts"
                + " from enrollment.lesson_progress where enrollment_id = ? and lesson_id = ?",
            id,
            lesson);
    assertThat(row.get("status")).isEqualTo("completed");
    assertThat(((Number) row.get("last_position_seconds")).intValue()).isEqualTo(200);
    assertThat(((Number) row.get("best_score")).intValue()).isEqualTo(90);
    assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(2);
    assertThat(((Number) Enrolments.row(id).get("total_time_spent_seconds")).longValue())
        .isEqualTo(Enrolments.lessonTimeSum(id));
  }

  @Test
  void malformedBatchesAre400() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    String token = student.accessToken();
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(event("e" + i, lesson, "start", Instant.now(), null, null));
    }
    sync(token, id, tooMany).expect(400);
    sync(token, id, List.of()).expect(400);
    sync(token, id, List.of(event("x".repeat(101), lesson, "start", Instant.now(), null, null)))
        .expect(400);
    sync(token, id, List.of(event("e", lesson, "rewind", Instant.now(), null, null))).expect(400);
    Map<String, Object> noTime = event("e", lesson, "start", Instant.now(), null, null);
    noTime.remove("occurredAt");
    sync(token, id, List.of(noTime)).expect(400);
    Map<String, Object> negative = event("e", lesson, "heartbeat", Instant.now(), -5, null);
    sync(token, id, List.of(negative)).expect(400);
    Api.post("/api/v1/enrollments/" + id + "/progress/sync", "{\"events\": 5}", token).expect(400);
    assertThat(
            Db.count(
                "select count(*) from enrollment.processed_sync_events where enrollment_id = ?",
                id))
        .isZero();
  }
}
