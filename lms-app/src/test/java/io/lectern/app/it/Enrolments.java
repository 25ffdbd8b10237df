package io.lectern.app.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds published courses and enrolments through the API for the enrolment tests. */
public final class Enrolments {

  private Enrolments() {}

  /** A published course and its lesson ids in reading order. */
  public record CourseWithLessons(UUID id, List<UUID> lessons) {}

  /** A published course of {@code count} top-level text lessons by the given instructor. */
  public static CourseWithLessons course(String teacherToken, int count) {
    UUID course = Courses.draft(teacherToken, "Progress course " + Courses.marker());
    List<UUID> lessons = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lessons.add(Courses.lesson(teacherToken, course, "Lesson " + i, "text", null));
    }
    Api.post("/api/v1/courses/" + course + "/publish", null, teacherToken).expect(200);
    return new CourseWithLessons(course, lessons);
  }

  public static UUID enrol(String studentToken, UUID courseId) {
    return UUID.fromString(
        Api.post("/api/v1/courses/" + courseId + "/enrollments", null, studentToken)
            .expect(201)
            .text("id"));
  }

  public static String lessonPath(UUID enrollment, UUID lesson, String action) {
    return "/api/v1/enrollments/" + enrollment + "/lessons/" + lesson + "/" + action;
  }

  public static Reply start(String token, UUID enrollment, UUID lesson) {
    return Api.post(lessonPath(enrollment, lesson, "start"), null, token);
  }

  public static Reply heartbeat(
      String token, UUID enrollment, UUID lesson, int seconds, Integer position) {
    Map<String, Object> body = new HashMap<>();
    body.put("seconds", seconds);
    if (position != null) {
      body.put("positionSeconds", position);
    }
    return Api.post(lessonPath(enrollment, lesson, "heartbeat"), body, token);
  }

  public static Reply complete(String token, UUID enrollment, UUID lesson, Integer score) {
    Map<String, Object> body = new HashMap<>();
    if (score != null) {
      body.put("score", score);
    }
    return Api.post(lessonPath(enrollment, lesson, "complete"), body, token);
  }

  /**
   * Moves a lesson's first start back in time, as if the student had opened it that long ago (the
   * elapsed-time cap would otherwise need the test to wait).
   */
  public static void startedAgo(UUID enrollment, UUID lesson, String interval) {
    Db.rows(
        "update enrollment.lesson_progress set first_started_at = now() - cast(? as interval)"
            + " where enrollment_id = ? and lesson_id = ? returning id",
        interval,
        enrollment,
        lesson);
  }

  /** The enrolment row as stored. */
  public static Map<String, Object> row(UUID enrollment) {
    return Db.row("select * from enrollment.enrollments where id = ?", enrollment);
  }

  /** The sum of the enrolment's lesson times, read from the lesson rows. */
  public static long lessonTimeSum(UUID enrollment) {
    return Db.count(
        "select coalesce(sum(time_spent_seconds), 0) from enrollment.lesson_progress"
            + " where enrollment_id = ?",
        enrollment);
  }
}
