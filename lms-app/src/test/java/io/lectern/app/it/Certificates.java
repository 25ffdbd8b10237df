package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Builds completed enrolments and waits for their certificates. */
public final class Certificates {

  private Certificates() {}

  /** A student with the given full name, signed in. */
  public static Accounts.Session studentNamed(String fullName) {
    String email = Api.uniqueEmail("holder");
    Api.post(
            "/api/v1/auth/register",
            Map.of("email", email, "password", Accounts.PASSWORD, "fullName", fullName),
            null)
        .expect(201);
    return Accounts.login(email, Accounts.PASSWORD);
  }

  /** A completed enrolment of the student in a new one-lesson course; its enrolment id. */
  public static UUID completedEnrolment(String teacherToken, String studentToken, String title) {
    UUID course = Courses.draft(teacherToken, title);
    UUID lesson = Courses.lesson(teacherToken, course, "The only lesson", "text", null);
    Api.post("/api/v1/courses/" + course + "/publish", null, teacherToken).expect(200);
    UUID enrollment = Enrolments.enrol(studentToken, course);
    Enrolments.complete(studentToken, enrollment, lesson, null).expect(200);
    return enrollment;
  }

  /** The enrolment's certificate as its holder sees it, waiting briefly for it to be issued. */
  public static Reply awaitFor(String studentToken, UUID enrollment) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      Reply mine = Api.get("/api/v1/me/certificates?size=100", studentToken).expect(200);
      for (var item : mine.json().path("items")) {
        if (item.path("enrollmentId").asText().equals(enrollment.toString())) {
          return Api.get("/api/v1/certificates/" + item.path("id").asText(), studentToken)
              .expect(200);
        }
      }
      assertThat(Instant.now()).as("certificate issued in time").isBefore(deadline);
      sleep(200);
    }
  }

  /** How many certificates the enrolment has, read from the database. */
  public static long countFor(UUID enrollment) {
    return Db.count(
        "select count(*) from certificates.certificates where enrollment_id = ?", enrollment);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
