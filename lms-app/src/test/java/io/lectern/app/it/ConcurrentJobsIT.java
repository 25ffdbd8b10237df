package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scheduled jobs run on every node of a cluster, with nothing shared but PostgreSQL. Here
 * several sweepers race on the same database: the server's own timer, several admin-triggered
 * passes (each on its own request thread, sharing no lock in the JVM, exactly as passes on
 * different nodes would) and students' own reads. Every overdue attempt must be graded once and
 * every missing certificate issued once, which the database itself records.
 */
class ConcurrentJobsIT {

  private static final int SWEEPERS = 3;

  private final Accounts.Session admin = Accounts.admin();

  @Test
  void concurrentSweepsGradeEveryOverdueAttemptExactlyOnce() throws Exception {
    int students = 24;
    Quizzes.Ready ready = Quizzes.ready("timeLimitSeconds", 30);
    List<Accounts.Session> takers = new ArrayList<>();
    List<UUID> enrollments = new ArrayList<>();
    takers.add(ready.student());
    enrollments.add(ready.enrollment());
    for (int i = 1; i < students; i++) {
      Accounts.Session student = Accounts.student();
      takers.add(student);
      enrollments.add(Enrolments.enrol(student.accessToken(), ready.draft().course()));
    }
    List<UUID> attempts = new ArrayList<>();
    for (int i = 0; i < students; i++) {
      String token = takers.get(i).accessToken();
      UUID attempt = Quizzes.attemptId(Quizzes.start(token, ready.quiz()).expect(201));
      if (i % 2 == 0) {
        Quizzes.save(token, attempt, Quizzes.allRight(ready.questions())).expect(200);
      }
      attempts.add(attempt);
    }
    String ids = attempts.stream().map(UUID::toString).collect(Collectors.joining(","));

    // Every UPDATE of these attempts from now on is written down by the database itself (the
    // test's own shift of their deadlines is told apart by its transaction id).
    String audit = "it_attempt_updates_" + Long.toHexString(System.nanoTime());
    Db.execute(
        "create table public."
            + audit
            + " (attempt_id uuid not null, old_status text not null, new_status text not null,"
            + " tx bigint not null)");
    Db.execute(
        "create function public."
            + audit
            + "_fn() returns trigger language plpgsql as $$ begin insert into public."
            + audit
            + " values (new.id, old.status, new.status, txid_current()); return new; end $$");
    Db.execute(
        "create trigger "
            + audit
            + " after update on quiz.attempts for each row when (old.quiz_id = '"
            + ready.quiz()
            + "') execute function public."
            + audit
            + "_fn()");
    try {
      // All of them overdue at the same instant (as if started an hour ago)...
      List<Map<String, Object>> moved =
          Db.rows(
              "update quiz.attempts set started_at = started_at - interval '1 hour',"
                  + " deadline_at = deadline_at - interval '1 hour' where quiz_id = ?"
                  + " returning id, txid_current() as tx",
              ready.quiz());
      assertThat(moved).hasSize(students);
      long timeTravel = ((Number) moved.get(0).get("tx")).longValue();

      // ...then several sweepers at once, some students reading their own attempt meanwhile,
      // and the server's own sweep (every 3 s here) whenever it comes.
      List<Parallel.Call> calls = new ArrayList<>();
      for (int i = 0; i < SWEEPERS; i++) {
        calls.add(() -> Api.post("/api/v1/admin/quizzes/grade-overdue", null, admin.accessToken()));
      }
      for (int i = 1; i < students; i += 3) {
        String token = takers.get(i).accessToken();
        UUID attempt = attempts.get(i);
        calls.add(() -> Api.get("/api/v1/attempts/" + attempt, token));
      }
      List<Reply> replies = Parallel.run(calls, Duration.ofSeconds(120));
      int reported = 0;
      List<Integer> shares = new ArrayList<>();
      for (int i = 0; i < replies.size(); i++) {
        Reply reply = replies.get(i).expect(200);
        if (i < SWEEPERS) {
          shares.add(reply.json().path("graded").asInt());
          reported += reply.json().path("graded").asInt();
        } else {
          assertThat(reply.text("status")).isEqualTo("graded");
        }
      }
      // A sweeper that skipped an attempt held by the timer's sweep leaves it to that one.
      awaitAllGraded(ids, students);
      System.out.println("Overdue attempts graded by the concurrent admin sweeps: " + shares);

      assertThat(reported).as("graded reported by the admin sweeps").isLessThanOrEqualTo(students);
      List<Map<String, Object>> updates =
          Db.rows(
              "select attempt_id, old_status, new_status from public." + audit + " where tx <> ?",
              timeTravel);
      assertThat(updates)
          .as("one update per attempt: the grading, never a second one")
          .hasSize(students);
      assertThat(updates.stream().map(u -> u.get("attempt_id").toString()).distinct().count())
          .isEqualTo(students);
      assertThat(updates)
          .allSatisfy(
              u -> {
                assertThat(u.get("old_status")).isEqualTo("in_progress");
                assertThat(u.get("new_status")).isEqualTo("graded");
              });
      for (int i = 0; i < students; i++) {
        Map<String, Object> row = Quizzes.attemptRow(attempts.get(i));
        assertThat(row.get("auto_submitted")).isEqualTo(true);
        assertThat(row.get("submitted_at")).isEqualTo(row.get("deadline_at"));
        assertThat((BigDecimal) row.get("score"))
            .isEqualByComparingTo(i % 2 == 0 ? BigDecimal.TEN : BigDecimal.ZERO);
        Map<String, Object> progress =
            Quizzes.lessonProgress(enrollments.get(i), ready.draft().quizLesson());
        assertThat(((Number) progress.get("attempts")).intValue()).isEqualTo(1);
      }
    } finally {
      Db.execute("drop trigger if exists " + audit + " on quiz.attempts");
      Db.execute("drop function if exists public." + audit + "_fn()");
      Db.execute("drop table if exists public." + audit);
    }
  }

  @Test
  void concurrentReconciliationsIssueEveryMissingCertificateExactlyOnce() throws Exception {
    int students = 20;
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    List<Accounts.Session> holders = new ArrayList<>();
    List<UUID> enrollments = new ArrayList<>();
    for (int i = 0; i < students; i++) {
      Accounts.Session student = Accounts.student();
      holders.add(student);
      enrollments.add(Enrolments.enrol(student.accessToken(), course.id()));
    }
    // Completions whose after-commit event was lost (the server stopped): written directly, as
    // the enrolment module writes them, without any event, so only reconciliation issues them.
    for (int i = 0; i < students; i++) {
      Db.rows(
          "update enrollment.enrollments set status = 'completed', completed_at = now(),"
              + " completed_lessons_count = 1, progress_percentage = 100 where id = ?"
              + " returning id",
          enrollments.get(i));
      Db.rows(
          "insert into enrollment.course_completions (enrollment_id, student_id, course_id,"
              + " completed_at) values (?, ?, ?, now()) returning enrollment_id",
          enrollments.get(i),
          holders.get(i).id(),
          course.id());
    }

    List<Parallel.Call> calls = new ArrayList<>();
    for (int i = 0; i < SWEEPERS; i++) {
      calls.add(() -> Api.post("/api/v1/admin/certificates/reconcile", null, admin.accessToken()));
    }
    List<Integer> shares = new ArrayList<>();
    for (Reply reply : Parallel.run(calls, Duration.ofSeconds(120))) {
      shares.add(reply.expect(200).json().path("issued").asInt());
    }
    System.out.println("Certificates issued by the concurrent reconciliations: " + shares);

    for (int i = 0; i < students; i++) {
      UUID enrollment = enrollments.get(i);
      UUID student = holders.get(i).id();
      assertThat(Certificates.countFor(enrollment)).as("certificates of %s", enrollment).isOne();
      Map<String, Object> certificate =
          Db.row(
              "select pdf_file_id from certificates.certificates where enrollment_id = ?",
              enrollment);
      assertThat(certificate.get("pdf_file_id")).isNotNull();
      assertThat(
              Db.count(
                  "select count(*) from certificates.uploaded_files where uploader_id = ?"
                      + " and folder = 'certificates'",
                  student))
          .as("one PDF stored for %s", student)
          .isOne();
      assertThat(Enrolments.row(enrollment).get("certificate_issued_at")).isNotNull();
    }
    // The PDFs are there to download.
    Reply first = Certificates.awaitFor(holders.get(0).accessToken(), enrollments.get(0));
    HttpResponse<byte[]> pdf = Uploads.download(first.text("pdfUrl"), holders.get(0).accessToken());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  private static void awaitAllGraded(String ids, int expected) throws InterruptedException {
    long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (Db.count(
                "select count(*) from quiz.attempts where status = 'graded'"
                    + " and id::text = any(string_to_array(?, ','))",
                ids)
            < expected
        && System.nanoTime() < giveUpAt) {
      Thread.sleep(100);
    }
  }
}
