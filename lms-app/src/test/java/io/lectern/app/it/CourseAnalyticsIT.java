package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lectern.app.it.Enrolments.CourseWithLessons;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Per-lesson analytics and the course summary for the course's instructor and admins. */
class CourseAnalyticsIT {

  private final Accounts.Session teacher = Accounts.withRole("instructor");

  @Test
  void lessonAnalyticsShowTheHardestLessonsFirst() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 3);
    UUID l1 = course.lessons().get(0);
    UUID l2 = course.lessons().get(1);
    // Three learners: all complete lesson 1; lesson 2 is started by all, completed by one with
    // retries; nobody opens lesson 3. One learner drops.
    for (int i = 0; i < 3; i++) {
      Accounts.Session s = Accounts.student();
      UUID e = Enrolments.enrol(s.accessToken(), course.id());
      Enrolments.heartbeat(s.accessToken(), e, l1, 20, null).expect(200);
      Enrolments.complete(s.accessToken(), e, l1, 60 + i * 10).expect(200);
      Enrolments.heartbeat(s.accessToken(), e, l2, 40, null).expect(200);
      if (i == 0) {
        Enrolments.complete(s.accessToken(), e, l2, 30).expect(200);
        Enrolments.complete(s.accessToken(), e, l2, 50).expect(200);
      }
      if (i == 2) {
        Api.post("/api/v1/enrollments/" + e + "/drop", null, s.accessToken()).expect(200);
      }
    }
    String base = "/api/v1/courses/" + course.id() + "/analytics";
    Reply ordered = Api.get(base + "/lessons", teacher.accessToken()).expect(200);
    JsonNode lessons = ordered.json().path("lessons");
    assertThat(lessons.size()).isEqualTo(3);
    JsonNode first = lessons.get(0);
    assertThat(first.path("lesson").path("id").asText()).isEqualTo(l1.toString());
    assertThat(first.path("learnersStarted").asInt()).isEqualTo(3);
    assertThat(first.path("learnersCompleted").asInt()).isEqualTo(3);
    assertThat(first.path("completionRate").decimalValue()).isEqualByComparingTo("100");
    assertThat(first.path("averageTimeSpentSeconds").decimalValue()).isEqualByComparingTo("20");
    assertThat(first.path("averageAttempts").decimalValue()).isEqualByComparingTo("1");
    assertThat(first.path("averageScore").decimalValue()).isEqualByComparingTo("70");
    assertThat(first.path("minScore").asInt()).isEqualTo(60);
    assertThat(first.path("maxScore").asInt()).isEqualTo(80);
    JsonNode second = lessons.get(1);
    assertThat(second.path("learnersCompleted").asInt()).isEqualTo(1);
    assertThat(second.path("completionRate").decimalValue()).isEqualByComparingTo("33.33");
    assertThat(second.path("maxScore").asInt()).isEqualTo(50);
    assertThat(lessons.get(2).path("learnersStarted").asInt()).isZero();

    Reply hardest = Api.get(base + "/lessons?sort=hardest", teacher.accessToken()).expect(200);
    assertThat(Courses.each(hardest.json().path("lessons"), "lesson").size()).isEqualTo(3);
    assertThat(hardest.json().path("lessons").get(0).path("lesson").path("id").asText())
        .isEqualTo(l2.toString());

    Reply summary = Api.get(base + "/summary", Accounts.admin().accessToken()).expect(200);
    assertThat(summary.json().path("totalEnrollments").asInt()).isEqualTo(3);
    assertThat(summary.json().path("enrollmentsByStatus").path("active").asInt()).isEqualTo(2);
    assertThat(summary.json().path("enrollmentsByStatus").path("dropped").asInt()).isEqualTo(1);
    assertThat(summary.json().path("enrollmentsByStatus").path("completed").asInt()).isZero();
    // Live enrolments: 2 of 3 lessons (66.67) and 1 of 3 (33.33).
    assertThat(summary.json().path("averageProgressPercentage").decimalValue())
        .isEqualByComparingTo("50.00");
    assertThat(summary.json().path("totalLearningTimeSeconds").asLong()).isEqualTo(180);
    JsonNode funnel = summary.json().path("funnel");
    assertThat(funnel.size()).isEqualTo(3);
    assertThat(funnel.get(0).path("learnersCompleted").asInt()).isEqualTo(3);
    assertThat(funnel.get(1).path("learnersCompleted").asInt()).isEqualTo(1);
    assertThat(funnel.get(2).path("learnersCompleted").asInt()).isZero();
    assertThat(funnel.get(1).path("percentage").decimalValue()).isEqualByComparingTo("33.33");
  }

  @Test
  void analyticsAreForTheCoursesInstructorAndAdmins() {
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    String base = "/api/v1/courses/" + course.id() + "/analytics";
    String other = Accounts.withRole("instructor").accessToken();
    Api.get(base + "/lessons", other).expectProblem(403, "enrollment.not-course-instructor");
    Api.get(base + "/summary", other).expectProblem(403, "enrollment.not-course-instructor");
    Api.get(base + "/summary", Accounts.student().accessToken()).expect(403);
    Api.get(base + "/summary", null).expect(401);
    Api.get(base + "/lessons?sort=easiest", teacher.accessToken())
        .expectProblem(400, "enrollment.invalid-query");
    Api.get("/api/v1/courses/" + UUID.randomUUID() + "/analytics/summary", teacher.accessToken())
        .expectProblem(404, "enrollment.course-not-found");
    Reply empty = Api.get(base + "/summary", teacher.accessToken()).expect(200);
    assertThat(empty.json().path("totalEnrollments").asInt()).isZero();
    assertThat(empty.json().path("averageProgressPercentage").decimalValue()).isZero();
  }
}
