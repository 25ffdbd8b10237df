package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Quizzes.Ready;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Quiz attempts in time and in number: one open attempt, attempt limits and overrides, deadlines
 * fixed at start and enforced by the server and its sweep, concurrent starts and submits, and
 * dropping the course mid-attempt.
 */
class QuizAttemptLimitsIT {

  @Test
  void oneOpenAttemptAtATimeAndTheLimitWithOverrides() {
    Ready ready = Quizzes.ready("maxAttempts", 1);
    String s = ready.student().accessToken();
    UUID first = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    Reply open = Quizzes.start(s, ready.quiz()).expectProblem(409, "quiz.attempt-open");
    assertThat(open.text("detail")).contains(first.toString());
    Quizzes.submit(s, first, Quizzes.allWrong(ready.questions())).expect(200);
    Quizzes.start(s, ready.quiz()).expectProblem(409, "quiz.attempts-exhausted");

    Api.put(
            "/api/v1/quizzes/" + ready.quiz() + "/overrides/" + ready.student().id(),
            Map.of("extraAttempts", 1),
            ready.teacher().accessToken())
        .expect(200);
    Reply second = Quizzes.start(s, ready.quiz()).expect(201);
    assertThat(second.json().path("attemptNumber").asInt()).isEqualTo(2);
    Reply standing =
        Api.get("/api/v1/lessons/" + ready.draft().quizLesson() + "/quiz", s).expect(200);
    assertThat(standing.json().path("attemptsUsed").asInt()).isEqualTo(2);
    assertThat(standing.json().path("attemptsAllowed").asInt()).isEqualTo(2);
    assertThat(standing.text("openAttemptId")).isEqualTo(second.text("id"));
    Quizzes.submit(s, Quizzes.attemptId(second), Quizzes.half(ready.questions())).expect(200);
    Quizzes.start(s, ready.quiz()).expectProblem(409, "quiz.attempts-exhausted");
    assertThat(
            Db.count(
                "select count(*) from quiz.attempts where enrollment_id = ?", ready.enrollment()))
        .isEqualTo(2);

    Reply mine = Api.get("/api/v1/quizzes/" + ready.quiz() + "/attempts/me?size=1", s).expect(200);
    assertThat(mine.header("X-Total-Count")).isEqualTo("2");
    assertThat(mine.json().path("items").get(0).path("attemptNumber").asInt()).isEqualTo(1);
    assertThat(mine.allHeaders("Link").toString()).contains("rel=\"next\"");
    // Progress: two graded attempts, none passed, highest kept.
    Map<String, Object> progress =
        Quizzes.lessonProgress(ready.enrollment(), ready.draft().quizLesson());
    assertThat(progress.get("attempts")).isEqualTo(2);
    assertThat(((Number) progress.get("best_score")).intValue()).isEqualTo(50);
    assertThat(progress.get("status")).isEqualTo("in_progress");
  }

  @Test
  void theDeadlineIsFixedAtStartAndEnforcedByTheServer() {
    Ready ready = Quizzes.ready("timeLimitSeconds", 60);
    String s = ready.student().accessToken();
    Reply started = Quizzes.start(s, ready.quiz()).expect(201);
    UUID attempt = Quizzes.attemptId(started);
    assertThat(started.json().path("timeLimitSeconds").asInt()).isEqualTo(60);
    assertThat(started.json().path("remainingSeconds").asLong()).isBetween(1L, 60L);
    assertThat(
            Db.count(
                "select extract(epoch from deadline_at - started_at) from quiz.attempts"
                    + " where id = ?",
                attempt))
        .isEqualTo(60);

    // Extra time from an override moves the open attempt's deadline.
    Api.put(
            "/api/v1/quizzes/" + ready.quiz() + "/overrides/" + ready.student().id(),
            Map.of("extraTimeSeconds", 30),
            ready.teacher().accessToken())
        .expect(200);
    assertThat(
            Db.count(
                "select extract(epoch from deadline_at - started_at) from quiz.attempts"
                    + " where id = ?",
                attempt))
        .isEqualTo(90);

    Quizzes.save(s, attempt, List.of(Quizzes.text(ready.questions().get(3), "Paris"))).expect(200);
    // Leaving and coming back does not stop the clock: the start moved 10 minutes back.
    Quizzes.startedAgo(attempt, "10 minutes");
    Quizzes.save(s, attempt, Quizzes.allRight(ready.questions()))
        .expectProblem(409, "quiz.deadline-passed");
    Quizzes.submit(s, attempt, Quizzes.allRight(ready.questions()))
        .expectProblem(409, "quiz.deadline-passed");

    // Graded with the answer saved before the deadline (5 of 10 points), as of the deadline.
    Map<String, Object> row = Quizzes.attemptRow(attempt);
    assertThat(row.get("status")).isEqualTo("graded");
    assertThat(row.get("auto_submitted")).isEqualTo(true);
    assertThat((BigDecimal) row.get("score")).isEqualByComparingTo("5");
    assertThat(row.get("submitted_at")).isEqualTo(row.get("deadline_at"));
    assertThat(row.get("time_taken_seconds")).isEqualTo(90);
    assertThat(row.get("answers").toString()).doesNotContain("optionIds");
    Reply read = Api.get("/api/v1/attempts/" + attempt, s).expect(200);
    assertThat(read.json().path("autoSubmitted").asBoolean()).isTrue();
    assertThat(read.json().path("percentage").decimalValue()).isEqualByComparingTo("50");
  }

  @Test
  void thePeriodicSweepGradesAnAbandonedAttemptWithoutAnyRead() throws InterruptedException {
    // The integration-test server sweeps every 3 seconds (lms.quiz.sweep.seconds in
    // lms-app/pom.xml).
    Ready ready = Quizzes.ready("timeLimitSeconds", 30);
    String s = ready.student().accessToken();
    UUID attempt = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    Quizzes.save(s, attempt, Quizzes.allRight(ready.questions())).expect(200);
    Quizzes.startedAgo(attempt, "1 hour");

    // Nobody reads the attempt now; wait (bounded) until the sweep has graded it.
    long giveUpAt = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!"graded".equals(Quizzes.attemptRow(attempt).get("status"))
        && System.nanoTime() < giveUpAt) {
      Thread.sleep(250);
    }
    Map<String, Object> row = Quizzes.attemptRow(attempt);
    assertThat(row.get("status")).as("graded by the sweep").isEqualTo("graded");
    assertThat(row.get("auto_submitted")).isEqualTo(true);
    assertThat(row.get("submitted_at")).isEqualTo(row.get("deadline_at"));
    assertThat(Quizzes.lessonProgress(ready.enrollment(), ready.draft().quizLesson()).get("status"))
        .isEqualTo("completed");
  }

  @Test
  void anOverdueAttemptIsGradedWhenNextRead() {
    Ready ready = Quizzes.ready("timeLimitSeconds", 30, "maxAttempts", 3);
    String s = ready.student().accessToken();
    UUID first = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    Quizzes.save(s, first, Quizzes.allRight(ready.questions())).expect(200);
    Quizzes.startedAgo(first, "1 hour");
    Reply mine = Api.get("/api/v1/quizzes/" + ready.quiz() + "/attempts/me", s).expect(200);
    assertThat(mine.json().path("items").get(0).path("status").asText()).isEqualTo("graded");
    assertThat(mine.json().path("items").get(0).path("passed").asBoolean()).isTrue();
    assertThat(Quizzes.lessonProgress(ready.enrollment(), ready.draft().quizLesson()).get("status"))
        .isEqualTo("completed");

    // An overdue open attempt does not block the next start either.
    UUID second = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    Quizzes.startedAgo(second, "1 hour");
    Reply third = Quizzes.start(s, ready.quiz()).expect(201);
    assertThat(third.json().path("attemptNumber").asInt()).isEqualTo(3);
    assertThat(Quizzes.attemptRow(second).get("status")).isEqualTo("graded");
    assertThat((BigDecimal) Quizzes.attemptRow(second).get("score")).isEqualByComparingTo("0");
  }

  @Test
  void concurrentStartsOpenOneAttemptWithConsecutiveNumbers() throws Exception {
    Ready ready = Quizzes.ready("maxAttempts", 3);
    String s = ready.student().accessToken();
    for (int round = 1; round <= 4; round++) {
      List<Parallel.Call> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(() -> Quizzes.start(s, ready.quiz()));
      }
      List<Reply> replies = Parallel.run(calls, Duration.ofSeconds(60));
      List<Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
      if (round <= 3) {
        assertThat(created).as("round %d: %s", round, replies).hasSize(1);
        assertThat(replies.stream().filter(r -> r.status() == 409))
            .allMatch(r -> r.text("code").equals("quiz.attempt-open"))
            .hasSize(5);
        assertThat(created.get(0).json().path("attemptNumber").asInt()).isEqualTo(round);
        Quizzes.submit(s, Quizzes.attemptId(created.get(0)), null).expect(200);
      } else {
        assertThat(created).isEmpty();
        assertThat(replies).allMatch(r -> "quiz.attempts-exhausted".equals(r.text("code")));
      }
    }
    assertThat(
            Db.rows(
                    "select attempt_number from quiz.attempts where enrollment_id = ?"
                        + " order by attempt_number",
                    ready.enrollment())
                .stream()
                .map(r -> r.get("attempt_number"))
                .toList())
        .containsExactly(1, 2, 3);
  }

  @Test
  void concurrentSubmitsGradeOnce() throws Exception {
    Ready ready = Quizzes.ready();
    String s = ready.student().accessToken();
    UUID attempt = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    List<Parallel.Call> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(() -> Quizzes.submit(s, attempt, Quizzes.allRight(ready.questions())));
    }
    List<Reply> replies = Parallel.run(calls, Duration.ofSeconds(60));
    assertThat(replies.stream().filter(r -> r.status() == 200)).hasSize(1);
    assertThat(replies.stream().filter(r -> r.status() == 409))
        .hasSize(3)
        .allMatch(r -> r.text("code").equals("quiz.attempt-closed"));
    Map<String, Object> progress =
        Quizzes.lessonProgress(ready.enrollment(), ready.draft().quizLesson());
    assertThat(progress.get("attempts")).isEqualTo(1);
    assertThat(progress.get("status")).isEqualTo("completed");
  }

  @Test
  void droppingMidAttemptStopsSavingAndSubmitting() {
    Ready ready = Quizzes.ready();
    String token = ready.student().accessToken();
    UUID attempt = Quizzes.attemptId(Quizzes.start(token, ready.quiz()).expect(201));
    Api.post("/api/v1/enrollments/" + ready.enrollment() + "/drop", null, token).expect(200);

    Quizzes.save(token, attempt, Quizzes.allRight(ready.questions()))
        .expectProblem(409, "quiz.enrollment-not-active");
    Quizzes.submit(token, attempt, Quizzes.allRight(ready.questions()))
        .expectProblem(409, "quiz.enrollment-not-active");
    assertThat(Quizzes.attemptRow(attempt).get("status")).isEqualTo("in_progress");
  }
}
