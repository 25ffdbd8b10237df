package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Enrolments.CourseWithLessons;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Enrolling, dropping, reading enrolments, reviews, and who may do what. */
class EnrollmentIT {

  private final Accounts.Session teacher = Accounts.withRole("instructor");
  private final Accounts.Session student = Accounts.student();

  @Test
  void aStudentEnrolsOnceInAPublishedCourse() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    Reply enrolled =
        Api.post("/api/v1/courses/" + course.id() + "/enrollments", null, student.accessToken())
            .expect(201);
    String id = enrolled.text("id");
    assertThat(enrolled.header("Location")).endsWith("/api/v1/enrollments/" + id);
    assertThat(enrolled.text("status")).isEqualTo("active");
    assertThat(enrolled.json().path("progressPercentage").decimalValue()).isZero();
    assertThat(enrolled.json().path("totalLessons").asInt()).isEqualTo(2);
    assertThat(enrolled.json().path("course").path("id").asText())
        .isEqualTo(course.id().toString());
    assertThat(enrolled.json().path("resume").path("lessonId").asText())
        .isEqualTo(course.lessons().get(0).toString());

    Api.post("/api/v1/courses/" + course.id() + "/enrollments", null, student.accessToken())
        .expectProblem(409, "enrollment.already-enrolled");
    assertThat(
            Db.count(
                "select count(*) from enrollment.enrollments where student_id = ? and course_id = ?",
                student.id(),
                course.id()))
        .isEqualTo(1);

    Reply mine = Api.get("/api/v1/me/enrollments", student.accessToken()).expect(200);
    assertThat(Courses.each(mine.json().path("items"), "id")).containsExactly(id);
    assertThat(mine.header("X-Total-Count")).isEqualTo("1");
    assertThat(mine.json().path("items").get(0).path("resume").path("positionSeconds").asInt())
        .isZero();
    Api.get("/api/v1/enrollments/" + id, student.accessToken()).expect(200);
  }

  @Test
  void onlyStudentsEnrolAndOnlyInPublishedCourses() {
    UUID draft = Courses.draft(teacher.accessToken(), "Draft " + Courses.marker());
    Courses.lesson(teacher.accessToken(), draft, "L", "text", null);
    Api.post("/api/v1/courses/" + draft + "/enrollments", null, student.accessToken())
        .expectProblem(404, "enrollment.course-not-found");
    Api.post("/api/v1/courses/" + UUID.randomUUID() + "/enrollments", null, student.accessToken())
        .expectProblem(404, "enrollment.course-not-found");
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    Api.post("/api/v1/courses/" + course.id() + "/enrollments", null, teacher.accessToken())
        .expect(403);
    Api.post("/api/v1/courses/" + course.id() + "/enrollments", null, null).expect(401);
    Api.get("/api/v1/me/enrollments", null).expect(401);
    Api.get("/api/v1/me/enrollments?status=finished", student.accessToken())
        .expectProblem(400, "enrollment.invalid-query");
  }

  @Test
  void droppingKeepsProgressAndEnrollingAgainReactivatesIt() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    Enrolments.complete(student.accessToken(), id, course.lessons().get(0), null).expect(200);

    Reply dropped =
        Api.post("/api/v1/enrollments/" + id + "/drop", null, student.accessToken()).expect(200);
    assertThat(dropped.text("status")).isEqualTo("dropped");
    assertThat(dropped.text("droppedAt")).isNotNull();
    Api.post("/api/v1/enrollments/" + id + "/drop", null, student.accessToken())
        .expectProblem(409, "enrollment.not-active");
    Enrolments.start(student.accessToken(), id, course.lessons().get(1))
        .expectProblem(409, "enrollment.not-active");
    Enrolments.heartbeat(student.accessToken(), id, course.lessons().get(1), 10, null)
        .expectProblem(409, "enrollment.not-active");
    Enrolments.complete(student.accessToken(), id, course.lessons().get(1), null)
        .expectProblem(409, "enrollment.not-active");
    Reply droppedList =
        Api.get("/api/v1/me/enrollments?status=dropped", student.accessToken()).expect(200);
    assertThat(Courses.each(droppedList.json().path("items"), "id")).containsExactly(id.toString());
    assertThat(
            Api.get("/api/v1/me/enrollments?status=active", student.accessToken())
                .json()
                .path("totalItems")
                .asInt())
        .isZero();

    Reply again =
        Api.post("/api/v1/courses/" + course.id() + "/enrollments", null, student.accessToken())
            .expect(200);
    assertThat(again.text("id")).isEqualTo(id.toString());
    assertThat(again.text("status")).isEqualTo("active");
    assertThat(again.json().path("completedLessons").asInt()).isEqualTo(1);
    assertThat(again.json().path("progressPercentage").decimalValue()).isEqualByComparingTo("50");
    assertThat(again.json().path("resume").path("lessonId").asText())
        .isEqualTo(course.lessons().get(1).toString());
    assertThat(Enrolments.row(id).get("dropped_at")).isNull();
  }

  @Test
  void anEnrolmentIsForItsStudentTheCoursesInstructorAndAdmins() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    UUID lesson = course.lessons().get(0);
    String other = Accounts.student().accessToken();
    String otherTeacher = Accounts.withRole("instructor").accessToken();
    String admin = Accounts.admin().accessToken();

    Api.get("/api/v1/enrollments/" + id, other).expectProblem(403, "enrollment.forbidden");
    Api.get("/api/v1/enrollments/" + id + "/progress", other)
        .expectProblem(403, "enrollment.forbidden");
    Api.get("/api/v1/enrollments/" + id, otherTeacher).expectProblem(403, "enrollment.forbidden");
    Api.get("/api/v1/enrollments/" + id, teacher.accessToken()).expect(200);
    Api.get("/api/v1/enrollments/" + id + "/progress", teacher.accessToken()).expect(200);
    Api.get("/api/v1/enrollments/" + id, admin).expect(200);
    Api.get("/api/v1/enrollments/" + id, null).expect(401);
    Api.get("/api/v1/enrollments/" + UUID.randomUUID(), student.accessToken())
        .expectProblem(404, "enrollment.not-found");

    // Only the student writes progress: not another student, the instructor or an admin.
    for (String token : new String[] {other, teacher.accessToken(), admin}) {
      Enrolments.start(token, id, lesson).expectProblem(403, "enrollment.not-owner");
      Enrolments.heartbeat(token, id, lesson, 10, 5).expectProblem(403, "enrollment.not-owner");
      Enrolments.complete(token, id, lesson, 90).expectProblem(403, "enrollment.not-owner");
      Api.post(
              "/api/v1/enrollments/" + id + "/progress/sync",
              Map.of(
                  "events",
                  java.util.List.of(
                      Map.of(
                          "eventId",
                          "e1",
                          "lessonId",
                          lesson.toString(),
                          "type",
                          "start",
                          "occurredAt",
                          java.time.Instant.now().toString()))),
              token)
          .expectProblem(403, "enrollment.not-owner");
    }
    Api.post("/api/v1/enrollments/" + id + "/drop", null, other)
        .expectProblem(403, "enrollment.not-owner");
    assertThat(
            Db.count("select count(*) from enrollment.lesson_progress where enrollment_id = ?", id))
        .isZero();
    // An admin may drop an enrolment.
    Api.post("/api/v1/enrollments/" + id + "/drop", null, admin).expect(200);
  }

  @Test
  void theInstructorListsTheCoursesEnrolments() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID first = Enrolments.enrol(student.accessToken(), course.id());
    Accounts.Session second = Accounts.student();
    UUID dropped = Enrolments.enrol(second.accessToken(), course.id());
    Api.post("/api/v1/enrollments/" + dropped + "/drop", null, second.accessToken()).expect(200);

    String path = "/api/v1/courses/" + course.id() + "/enrollments";
    Reply all = Api.get(path + "?size=1", teacher.accessToken()).expect(200);
    assertThat(all.header("X-Total-Count")).isEqualTo("2");
    assertThat(all.allHeaders("Link").toString()).contains("rel=\"next\"");
    Reply active = Api.get(path + "?status=active", teacher.accessToken()).expect(200);
    assertThat(Courses.each(active.json().path("items"), "id")).containsExactly(first.toString());
    var item = active.json().path("items").get(0);
    assertThat(item.path("student").path("email").asText()).isEqualTo(student.email());
    assertThat(item.path("student").path("fullName").asText()).isEqualTo("Test Student");
    Reply droppedOnly =
        Api.get(path + "?status=dropped", Accounts.admin().accessToken()).expect(200);
    assertThat(Courses.each(droppedOnly.json().path("items"), "id"))
        .containsExactly(dropped.toString());

    Api.get(path, Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "enrollment.not-course-instructor");
    Api.get(path, student.accessToken()).expect(403);
    Api.get(path + "?status=x", teacher.accessToken())
        .expectProblem(400, "enrollment.invalid-query");
    Api.get("/api/v1/courses/" + UUID.randomUUID() + "/enrollments", teacher.accessToken())
        .expectProblem(404, "enrollment.course-not-found");
  }

  @Test
  void enrolledStudentsReadLessonsAndACourseWithEnrolmentsCannotBeDeleted() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    String lesson = "/api/v1/lessons/" + course.lessons().get(0);
    Api.get(lesson, student.accessToken()).expectProblem(403, "courses.not-enrolled");
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    Api.get(lesson, student.accessToken()).expect(200);
    Api.get(lesson, Accounts.student().accessToken()).expectProblem(403, "courses.not-enrolled");

    Api.delete("/api/v1/courses/" + course.id(), teacher.accessToken())
        .expectProblem(409, "courses.has-enrollments");
    Api.post("/api/v1/enrollments/" + id + "/drop", null, student.accessToken()).expect(200);
    Api.get(lesson, student.accessToken()).expectProblem(403, "courses.not-enrolled");
    // Even a dropped enrolment keeps the course (its progress would return on re-enrolment).
    Api.delete("/api/v1/courses/" + course.id(), teacher.accessToken())
        .expectProblem(409, "courses.has-enrollments");
  }

  @Test
  void reviewsOpenAfterTwentyPercentOfTheCourse() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 5);
    UUID id = Enrolments.enrol(student.accessToken(), course.id());
    String path = "/api/v1/enrollments/" + id + "/review";
    Map<String, Object> good = Map.of("rating", 4, "review", "Clear and well paced.");
    Api.put(path, good, student.accessToken()).expectProblem(422, "enrollment.review-too-early");

    Reply invalid =
        Api.put(path, Map.of("rating", 6, "review", "short"), student.accessToken()).expect(400);
    assertThat(invalid.violationFields()).contains("rating", "review");
    Api.put(path, Map.of("rating", 0, "review", "x".repeat(2001)), student.accessToken())
        .expect(400);
    Api.put(path, Map.of("rating", 4.5, "review", "Clear and well paced."), student.accessToken())
        .expect(400);
    Api.put(path, Map.of("review", "Clear and well paced."), student.accessToken()).expect(400);

    Enrolments.complete(student.accessToken(), id, course.lessons().get(0), null).expect(200);
    Reply reviewed = Api.put(path, good, student.accessToken()).expect(200);
    assertThat(reviewed.json().path("rating").asInt()).isEqualTo(4);
    assertThat(reviewed.text("review")).isEqualTo("Clear and well paced.");
    assertThat(((Number) Enrolments.row(id).get("rating")).intValue()).isEqualTo(4);
    Api.put(path, good, teacher.accessToken()).expectProblem(403, "enrollment.not-owner");
  }
}
