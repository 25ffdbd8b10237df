package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Enrolments.CourseWithLessons;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Certificates: issued once on completion, PDF, verification, revocation, reconciliation. */
class CertificateIT {

  private final Accounts.Session teacher = Accounts.withRole("instructor");
  private final Accounts.Session admin = Accounts.admin();

  @Test
  void concurrentCompletionCallsYieldExactlyOneCertificate() throws Exception {
    Accounts.Session student = Accounts.student();
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 6);
    UUID enrollment = Enrolments.enrol(student.accessToken(), course.id());
    List<Parallel.Call> calls = new ArrayList<>();
    for (UUID lesson : course.lessons()) {
      calls.add(() -> Enrolments.complete(student.accessToken(), enrollment, lesson, null));
      calls.add(() -> Enrolments.complete(student.accessToken(), enrollment, lesson, 90));
    }
    for (int i = 0; i < 3; i++) {
      calls.add(() -> Api.post("/api/v1/admin/certificates/reconcile", null, admin.accessToken()));
    }
    for (Reply reply : Parallel.run(calls, Duration.ofSeconds(120))) {
      reply.expect(200);
    }
    Reply certificate = Certificates.awaitFor(student.accessToken(), enrollment);
    Api.post("/api/v1/admin/certificates/reconcile", null, admin.accessToken()).expect(200);

    assertThat(Certificates.countFor(enrollment)).isEqualTo(1);
    assertThat(
            Api.get("/api/v1/me/certificates", student.accessToken())
                .expect(200)
                .json()
                .path("items")
                .size())
        .isEqualTo(1);
    assertThat(Enrolments.row(enrollment).get("certificate_issued_at")).isNotNull();
    assertThat(certificate.text("status")).isEqualTo("valid");
    assertThat(certificate.text("studentId")).isEqualTo(student.id().toString());
    assertThat(certificate.text("courseId")).isEqualTo(course.id().toString());
    assertThat(certificate.text("certificateNumber")).matches("LEC(-[0-9A-Z]{4}){4}");
    assertThat(certificate.text("verificationUrl"))
        .isEqualTo(Api.BASE_URL + "/verify/" + certificate.text("certificateNumber"));
  }

  @Test
  void thePdfParsesAndShowsNameCourseAndNumber() throws Exception {
    String name = "Ada Lovelace " + Courses.marker();
    Accounts.Session student = Certificates.studentNamed(name);
    String title = "Analytical Engines " + Courses.marker();
    UUID enrollment =
        Certificates.completedEnrolment(teacher.accessToken(), student.accessToken(), title);
    Reply certificate = Certificates.awaitFor(student.accessToken(), enrollment);
    assertThat(certificate.text("holderName")).isEqualTo(name);
    assertThat(certificate.text("courseTitle")).isEqualTo(title);

    HttpResponse<byte[]> pdf = Uploads.download(certificate.text("pdfUrl"), student.accessToken());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(pdf.headers().firstValue("Content-Length"))
        .contains(String.valueOf(pdf.body().length));
    assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
        .contains(certificate.text("certificateNumber") + ".pdf");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text)
          .contains(name)
          .contains(title)
          .contains(certificate.text("certificateNumber"))
          .contains("/verify/" + certificate.text("certificateNumber"));
    }
    assertThat(Uploads.download(certificate.text("pdfUrl"), admin.accessToken()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void verificationOfValidRevokedAndUnknownNumbers() {
    Accounts.Session student = Certificates.studentNamed("Grace Hopper");
    UUID enrollment =
        Certificates.completedEnrolment(teacher.accessToken(), student.accessToken(), "COBOL 101");
    Reply certificate = Certificates.awaitFor(student.accessToken(), enrollment);
    String number = certificate.text("certificateNumber");
    String id = certificate.text("id");

    Reply valid = Api.get("/api/v1/certificates/verify/" + number, null).expect(200);
    assertThat(valid.json().path("valid").asBoolean()).isTrue();
    assertThat(valid.text("status")).isEqualTo("valid");
    assertThat(valid.text("certificateNumber")).isEqualTo(number);
    assertThat(valid.text("holderName")).isEqualTo("Grace Hopper");
    assertThat(valid.text("courseTitle")).isEqualTo("COBOL 101");
    assertThat(valid.text("completionDate")).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(valid.text("issuedAt")).isNotNull();
    assertThat(valid.json().has("revokedAt")).isFalse();
    assertThat(valid.raw()).doesNotContain(student.email()).doesNotContain(student.id().toString());
    Api.get("/api/v1/certificates/verify/" + number.toLowerCase(), null).expect(200);

    Reply revoked =
        Api.post(
                "/api/v1/admin/certificates/" + id + "/revoke",
                Map.of("reason", "Issued by mistake"),
                admin.accessToken())
            .expect(200);
    assertThat(revoked.text("status")).isEqualTo("revoked");
    assertThat(revoked.text("revokedBy")).isEqualTo(admin.id().toString());
    assertThat(revoked.text("revokedAt")).isNotNull();
    assertThat(revoked.text("revocationReason")).isEqualTo("Issued by mistake");

    Reply after = Api.get("/api/v1/certificates/verify/" + number, null).expect(200);
    assertThat(after.json().path("valid").asBoolean()).isFalse();
    assertThat(after.text("status")).isEqualTo("revoked");
    assertThat(after.text("revokedAt")).isEqualTo(revoked.text("revokedAt"));
    assertThat(after.text("revocationReason")).isEqualTo("Issued by mistake");
    assertThat(after.text("holderName")).isEqualTo("Grace Hopper");

    Api.post(
            "/api/v1/admin/certificates/" + id + "/revoke",
            Map.of("reason", "Again"),
            admin.accessToken())
        .expectProblem(409, "certificates.already-revoked");
    var row = Db.row("select * from certificates.certificates where id = ?::uuid", id);
    assertThat(row.get("revocation_reason")).isEqualTo("Issued by mistake");
    assertThat(row.get("revoked_by")).isEqualTo(admin.id());

    Api.get("/api/v1/certificates/verify/LEC-0000-0000-0000-0000", null)
        .expectProblem(404, "certificates.not-found");
    Api.get("/api/v1/certificates/verify/not-a-number", null)
        .expectProblem(404, "certificates.not-found");
  }

  @Test
  void studentsCannotRevokeOrReadOthersCertificates() {
    Accounts.Session student = Accounts.student();
    Accounts.Session other = Accounts.student();
    UUID enrollment =
        Certificates.completedEnrolment(
            teacher.accessToken(), student.accessToken(), "Private matters");
    String id = Certificates.awaitFor(student.accessToken(), enrollment).text("id");

    Api.post(
            "/api/v1/admin/certificates/" + id + "/revoke",
            Map.of("reason", "mine"),
            student.accessToken())
        .expectProblem(403, "auth.forbidden");
    Api.post(
            "/api/v1/admin/certificates/" + id + "/revoke",
            Map.of("reason", "no"),
            teacher.accessToken())
        .expectProblem(403, "auth.forbidden");
    Api.get("/api/v1/certificates/" + id, other.accessToken())
        .expectProblem(403, "certificates.forbidden");
    Api.get("/api/v1/certificates/" + id + "/pdf", other.accessToken())
        .expectProblem(403, "certificates.forbidden");
    Api.get("/api/v1/certificates/" + id, teacher.accessToken())
        .expectProblem(403, "certificates.forbidden");
    Api.get("/api/v1/certificates/" + id, null).expectProblem(401, "auth.required");
    Api.get("/api/v1/admin/certificates", student.accessToken())
        .expectProblem(403, "auth.forbidden");
    Api.post("/api/v1/admin/certificates/reconcile", null, student.accessToken())
        .expectProblem(403, "auth.forbidden");
    assertThat(Api.get("/api/v1/me/certificates", other.accessToken()).json().path("items").size())
        .isZero();
    Api.get("/api/v1/certificates/" + id, admin.accessToken()).expect(200);
    Api.get("/api/v1/certificates/" + UUID.randomUUID(), admin.accessToken())
        .expectProblem(404, "certificates.not-found");

    // The certificate's PDF is a private file of the holder that cannot be deleted on its own.
    String pdfFile =
        Db.row("select pdf_file_id from certificates.certificates where id = ?::uuid", id)
            .get("pdf_file_id")
            .toString();
    Api.get("/api/v1/files/" + pdfFile, other.accessToken()).expectProblem(403, "files.forbidden");
    Api.delete("/api/v1/files/" + pdfFile, student.accessToken())
        .expectProblem(409, "files.in-use");
  }

  @Test
  void revocationNeedsAReason() {
    Accounts.Session student = Accounts.student();
    UUID enrollment =
        Certificates.completedEnrolment(teacher.accessToken(), student.accessToken(), "Reasons");
    String id = Certificates.awaitFor(student.accessToken(), enrollment).text("id");
    String path = "/api/v1/admin/certificates/" + id + "/revoke";
    assertThat(
            Api.post(path, Map.of("reason", "  "), admin.accessToken())
                .expect(400)
                .violationFields())
        .anyMatch(f -> f.contains("reason"));
    Api.post(path, Map.of(), admin.accessToken()).expect(400);
    Api.post(path, null, admin.accessToken()).expect(400);
    Api.post(path, Map.of("reason", "x".repeat(1001)), admin.accessToken()).expect(400);
    Api.post(
            "/api/v1/admin/certificates/" + UUID.randomUUID() + "/revoke",
            Map.of("reason", "r"),
            admin.accessToken())
        .expectProblem(404, "certificates.not-found");
    assertThat(Certificates.awaitFor(student.accessToken(), enrollment).text("status"))
        .isEqualTo("valid");
  }

  @Test
  void adminsListWithFiltersAndPages() {
    Accounts.Session student = Accounts.student();
    UUID first =
        Certificates.completedEnrolment(teacher.accessToken(), student.accessToken(), "List one");
    UUID second =
        Certificates.completedEnrolment(teacher.accessToken(), student.accessToken(), "List two");
    String firstId = Certificates.awaitFor(student.accessToken(), first).text("id");
    Reply secondCertificate = Certificates.awaitFor(student.accessToken(), second);
    Api.post(
            "/api/v1/admin/certificates/" + firstId + "/revoke",
            Map.of("reason", "Test"),
            admin.accessToken())
        .expect(200);

    Reply byStudent =
        Api.get(
                "/api/v1/admin/certificates?studentId=" + student.id() + "&size=1",
                admin.accessToken())
            .expect(200);
    assertThat(byStudent.header("X-Total-Count")).isEqualTo("2");
    assertThat(byStudent.json().path("items").size()).isEqualTo(1);
    assertThat(byStudent.allHeaders("Link").toString()).contains("rel=\"next\"");

    Reply revoked =
        Api.get(
                "/api/v1/admin/certificates?studentId=" + student.id() + "&status=revoked",
                admin.accessToken())
            .expect(200);
    assertThat(Courses.each(revoked.json().path("items"), "id")).containsExactly(firstId);
    Reply byCourse =
        Api.get(
                "/api/v1/admin/certificates?courseId="
                    + secondCertificate.text("courseId")
                    + "&status=valid",
                admin.accessToken())
            .expect(200);
    assertThat(Courses.each(byCourse.json().path("items"), "id"))
        .containsExactly(secondCertificate.text("id"));

    Api.get("/api/v1/admin/certificates?status=lost", admin.accessToken())
        .expectProblem(400, "certificates.invalid-status");
    Api.get("/api/v1/admin/certificates?courseId=nope", admin.accessToken())
        .expectProblem(400, "certificates.invalid-filter");
    Api.get("/api/v1/admin/certificates?size=1000", admin.accessToken())
        .expectProblem(400, "paging.invalid");
  }

  @Test
  void reconciliationIssuesCertificatesForCompletionsWhoseEventWasLost() {
    Accounts.Session student = Accounts.student();
    CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    UUID enrollment = Enrolments.enrol(student.accessToken(), course.id());
    // The completion commits but the server stops before the after-commit observer runs: written
    // directly, as the enrolment module would, without any event.
    Db.rows(
        "update enrollment.enrollments set status = 'completed', completed_at = now(),"
            + " completed_lessons_count = 1, progress_percentage = 100 where id = ? returning id",
        enrollment);
    Db.rows(
        "insert into enrollment.course_completions (enrollment_id, student_id, course_id,"
            + " completed_at) values (?, ?, ?, now()) returning enrollment_id",
        enrollment,
        student.id(),
        course.id());
    assertThat(Certificates.countFor(enrollment)).isZero();

    Api.post("/api/v1/admin/certificates/reconcile", null, admin.accessToken()).expect(200);
    assertThat(Certificates.countFor(enrollment)).isEqualTo(1);
    assertThat(Enrolments.row(enrollment).get("certificate_issued_at")).isNotNull();
    Reply certificate = Certificates.awaitFor(student.accessToken(), enrollment);
    assertThat(certificate.text("courseId")).isEqualTo(course.id().toString());

    // A second pass finds nothing left to do for this enrolment.
    Api.post("/api/v1/admin/certificates/reconcile", null, admin.accessToken()).expect(200);
    assertThat(Certificates.countFor(enrollment)).isEqualTo(1);
  }
}
