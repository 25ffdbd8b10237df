package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Enrolments.CourseWithLessons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lesson progress: start, heartbeats and their caps, completion, course progress. */
class ProgressIT {

  private final Accounts.Session teacher = Accounts.withRole("instructor");
  private final Accounts.Session student = Accounts.student();

  @Test
  void startHeartbeatAndCompleteTrackALesson() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID first = course.lessons().get(0);
    UUID second = course.lessons().get(1);
    String token = student.accessToken();

    Reply started = Enrolments.start(token, id, first).expect(200);
    assertThat(started.text("status")).isEqualTo("in_progress");
    assertThat(started.text("firstStartedAt")).isNotNull();
    Reply beat = Enrolments.heartbeat(token, id, first, 30, 42).expect(200);
    assertThat(beat.json().path("acceptedSeconds").asInt()).isEqualTo(30);
    assertThat(beat.json().path("refusedSeconds").asInt()).isZero();
    assertThat(beat.json().path("timeSpentSeconds").asInt()).isEqualTo(30);
    assertThat(beat.json().path("lastPositionSeconds").asInt()).isEqualTo(42);
    Reply moved = Enrolments.heartbeat(token, id, first, 0, 17).expect(200);
    assertThat(moved.json().path("lastPositionSeconds").asInt()).isEqualTo(17);

    // A heartbeat on a lesson never started starts it.
    Reply other = Enrolments.heartbeat(token, id, second, 20, 5).expect(200);
    assertThat(other.text("status")).isEqualTo("in_progress");
    assertThat(other.json().path("timeSpentSeconds").asInt()).isEqualTo(20);
    assertThat(other.json().path("course").path("totalTimeSpentSeconds").asInt()).isEqualTo(50);

    Reply done = Enrolments.complete(token, id, first, 80).expect(200);
    assertThat(done.text("status")).isEqualTo("completed");
    assertThat(done.json().path("attempts").asInt()).isEqualTo(1);
    assertThat(done.json().path("bestScore").asInt()).isEqualTo(80);
    assertThat(done.json().path("course").path("progressPercentage").decimalValue())
        .isEqualByComparingTo("50.00");
    String completedAt = done.text("completedAt");

    Reply worse = Enrolments.complete(token, id, first, 60).expect(200);
    assertThat(worse.json().path("attempts").asInt()).isEqualTo(2);
    assertThat(worse.json().path("bestScore").asInt()).isEqualTo(80);
    assertThat(worse.text("completedAt")).isEqualTo(completedAt);
    Reply noScore = Enrolments.complete(token, id, first, null).expect(200);
    assertThat(noScore.json().path("attempts").asInt()).isEqualTo(2);

    // Completion is never undone by later activity.
    assertThat(Enrolments.start(token, id, first).expect(200).text("status"))
        .isEqualTo("completed");
    assertThat(Enrolments.heartbeat(token, id, first, 5, 3).expect(200).text("status"))
        .isEqualTo("completed");

    Reply progress = Api.get("/api/v1/enrollments/" + id + "/progress", token).expect(200);
    assertThat(progress.json().path("progressPercentage").decimalValue())
        .isEqualByComparingTo("50.00");
    assertThat(progress.json().path("completedLessons").asInt()).isEqualTo(1);
    assertThat(progress.json().path("totalLessons").asInt()).isEqualTo(2);
    assertThat(Courses.each(progress.json().path("lessons"), "status"))
        .containsExactly("completed", "in_progress");
    assertThat(progress.json().path("resume").path("lessonId").asText())
        .isEqualTo(second.toString());
    assertThat(progress.json().path("resume").path("positionSeconds").asInt()).isEqualTo(5);
    assertThat(progress.json().path("lessons").get(0).path("lastPositionSeconds").asInt())
        .isEqualTo(3);

    // The enrolment's totals are in step with its lesson rows.
    Map<String, Object> row = Enrolments.row(id);
    assertThat(((Number) row.get("total_time_spent_seconds")).longValue())
        .isEqualTo(Enrolments.lessonTimeSum(id))
        .isEqualTo(progress.json().path("totalTimeSpentSeconds").asLong());
    assertThat(((Number) row.get("completed_lessons_count")).intValue()).isEqualTo(1);
    assertThat(row.get("progress_percentage").toString()).isEqualTo("50.00");
    Map<String, Object> lesson =
        Db.row(
            "select status, attempts, best_score, completed_at from enrollment.lesson_progress"
                + " where enrollment_id = ? and lesson_id = ?",
            id,
            first);
    assertThat(lesson.get("status")).isEqualTo("completed");
    assertThat(((Number) lesson.get("best_score")).intValue()).isEqualTo(80);
  }

  @Test
  void invalidProgressRequestsAre400AndForeignLessons404() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    String token = student.accessToken();
    String heartbeat = Enrolments.lessonPath(id, lesson, "heartbeat");
    Api.post(heartbeat, Map.of("seconds", -1), token).expect(400);
    Api.post(heartbeat, Map.of("positionSeconds", 3), token).expect(400);
    Api.post(heartbeat, Map.of("seconds", 1.5), token).expect(400);
    Api.post(heartbeat, Map.of("seconds", "ten"), token).expect(400);
    Api.post(heartbeat, Map.of("seconds", 10, "positionSeconds", -4), token).expect(400);
    Api.post(Enrolments.lessonPath(id, lesson, "complete"), Map.of("score", 101), token)
        .expect(400);
    Api.post(Enrolments.lessonPath(id, lesson, "complete"), Map.of("score", -1), token).expect(400);

    UUID elsewhere = Enrolments.course(teacher.accessToken(), 1).lessons().get(0);
    Enrolments.start(token, id, elsewhere).expectProblem(404, "enrollment.lesson-not-found");
    Enrolments.heartbeat(token, id, elsewhere, 5, null)
        .expectProblem(404, "enrollment.lesson-not-found");
    Enrolments.start(token, UUID.randomUUID(), lesson).expectProblem(404, "enrollment.not-found");
    assertThat(
            Db.count("select count(*) from enrollment.lesson_progress where enrollment_id = ?", id))
        .isZero();
  }

  @Test
  void aHeartbeatCountsAtMostTheElapsedTimePlusAMinute() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    Enrolments.start(student.accessToken(), id, lesson).expect(200);
    Reply beat = Enrolments.heartbeat(student.accessToken(), id, lesson, 300, null).expect(200);
    int accepted = beat.json().path("acceptedSeconds").asInt();
    // Just started: 60 s of grace plus the few seconds since the start.
    assertThat(accepted).isBetween(60, 120);
    assertThat(beat.json().path("refusedSeconds").asInt()).isEqualTo(300 - accepted);
    assertThat(beat.json().path("timeSpentSeconds").asInt()).isEqualTo(accepted);
    assertThat(Enrolments.lessonTimeSum(id)).isEqualTo(accepted);
  }

  @Test
  void aHeartbeatCountsAtMost300Seconds() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    Enrolments.start(student.accessToken(), id, lesson).expect(200);
    Enrolments.startedAgo(id, lesson, "2 hours");
    Reply beat = Enrolments.heartbeat(student.accessToken(), id, lesson, 1000, null).expect(200);
    assertThat(beat.json().path("acceptedSeconds").asInt()).isEqualTo(300);
    assertThat(beat.json().path("refusedSeconds").asInt()).isEqualTo(700);
    assertThat(((Number) Enrolments.row(id).get("total_time_spent_seconds")).longValue())
        .isEqualTo(300);
  }

  @Test
  void twentyConcurrentHeartbeatsAllCount() throws Exception {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    Enrolments.start(student.accessToken(), id, lesson).expect(200);
    Enrolments.startedAgo(id, lesson, "2 hours");
    List<Parallel.Call> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int position = i;
      calls.add(() -> Enrolments.heartbeat(student.accessToken(), id, lesson, 15, position));
    }
    int accepted = 0;
    for (Reply reply : Parallel.run(calls, java.time.Duration.ofSeconds(60))) {
      accepted += reply.expect(200).json().path("acceptedSeconds").asInt();
    }
    assertThat(accepted).isEqualTo(300);
    assertThat(
            Db.count(
                "select time_spent_seconds from enrollment.lesson_progress"
                    + " where enrollment_id = ? and lesson_id = ?",
                id,
                lesson))
        .isEqualTo(300);
    assertThat(((Number) Enrolments.row(id).get("total_time_spent_seconds")).longValue())
        .isEqualTo(300);
  }

  @Test
  void completingEveryLessonCompletesTheCourseExactlyOnce() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    Accounts.Session slower = Accounts.student();
    UUID slowId = Enrolments.enrol(slower.accessToken(), course.id());
    String token = student.accessToken();
    Enrolments.complete(slower.accessToken(), slowId, course.lessons().get(0), null).expect(200);

    Enrolments.complete(token, id, course.lessons().get(0), 90).expect(200);
    assertThat(Enrolments.row(id).get("status")).isEqualTo("active");
    Reply last = Enrolments.complete(token, id, course.lessons().get(1), null).expect(200);
    assertThat(last.json().path("course").path("status").asText()).isEqualTo("completed");
    assertThat(last.json().path("course").path("progressPercentage").decimalValue())
        .isEqualByComparingTo("100");
    String completedAt = last.json().path("course").path("completedAt").asText();
    assertThat(completedAt).isNotBlank();

    // Repeated completions and activity neither undo nor repeat the course completion.
    Enrolments.complete(token, id, course.lessons().get(1), 70).expect(200);
    Enrolments.complete(token, id, course.lessons().get(0), null).expect(200);
    Enrolments.heartbeat(token, id, course.lessons().get(0), 5, 1).expect(200);
    assertThat(
            Db.count(
                "select count(*) from enrollment.course_completions where enrollment_id = ?", id))
        .isEqualTo(1);
    Map<String, Object> row = Enrolments.row(id);
    assertThat(row.get("status")).isEqualTo("completed");
    assertThat(row.get("completed_at")).isNotNull();
    Reply read = Api.get("/api/v1/enrollments/" + id, token).expect(200);
    assertThat(read.text("completedAt")).isEqualTo(completedAt);

    // A lesson added later lowers active enrolments; the completed one stays completed.
    Courses.lesson(teacher.accessToken(), course.id(), "Added later", "text", null);
    Reply slow = Api.get("/api/v1/enrollments/" + slowId, slower.accessToken()).expect(200);
    assertThat(slow.json().path("progressPercentage").decimalValue()).isEqualByComparingTo("33.33");
    assertThat(slow.json().path("totalLessons").asInt()).isEqualTo(3);
    Reply done = Api.get("/api/v1/enrollments/" + id, token).expect(200);
    assertThat(done.text("status")).isEqualTo("completed");
    assertThat(done.json().path("progressPercentage").decimalValue()).isEqualByComparingTo("100");
    // Dropping and re-enrolling does not complete the course a second time.
    Api.post("/api/v1/enrollments/" + id + "/drop", null, token).expect(200);
    Reply back =
        Api.post("/api/v1/courses/" + course.id() + "/enrollments", null, token).expect(200);
    assertThat(back.text("status")).isEqualTo("completed");
    assertThat(
            Db.count(
                "select count(*) from enrollment.course_completions where enrollment_id = ?", id))
        .isEqualTo(1);
  }
}
