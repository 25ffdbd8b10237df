package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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
    assertThat(types(mine.json()))
        .containsExactly("enrollment.created", "lesson.started", "lesson.completed");
    JsonNode completed = mine.json().path("items").get(2);
    assertThat(completed.path("data").path("lessonId").asText())
        .isEqualTo(course.lessons().get(0).toString());
    assertThat(completed.path("data").path("score").asInt()).isEqualTo(75);
    assertThat(completed.path("actor").asText()).isEqualTo(student.id().toString());
    assertThat(completed.path("eventId").asText()).isNotBlank();
    assertThat(mine.header("X-Total-Count")).isEqualTo("3");

    Reply paged = Api.get(path + "?size=2&page=1", teacher.accessToken()).expect(200);
    assertThat(types(paged.json())).containsExactly("lesson.completed");
    assertThat(String.join(", ", paged.allHeaders("Link")))
        .contains("rel=\"first\"")
        .contains("rel=\"prev\"")
        .doesNotContain("rel=\"next\"");
    assertThat(types(Api.get(path, Accounts.admin().accessToken()).expect(200).json())).hasSize(3);

    Api.get(path, Accounts.student().accessToken()).expectProblem(403, "enrollment.forbidden");
    Api.get(path, Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "enrollment.forbidden");
    Api.get("/api/v1/enrollments/" + UUID.randomUUID() + "/activity", student.accessToken())
        .expectProblem(404, "enrollment.not-found");
    Api.get(path, null).expectProblem(401, "auth.required");
    Api.get(path + "?size=1000", student.accessToken()).expect(400);
  }

  private static List<String> types(JsonNode page) {
    List<String> types = new ArrayList<>();
    page.path("items").forEach(i -> types.add(i.path("type").asText()));
    return types;
  }
}
