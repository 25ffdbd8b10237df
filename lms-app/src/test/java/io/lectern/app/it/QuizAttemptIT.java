package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Quizzes.Ready;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Taking quizzes: grading on the server, answer secrecy, which answers and students count, grading
 * policies, statistics.
 */
class QuizAttemptIT {

  private static final List<String> ANSWER_KEY =
      List.of("correct", "correctAnswer", "acceptedAnswers", "explanation", "correctOptionIds");

  @Test
  void anAttemptShowsNoAnswerKeyAndIsGradedOnTheServer() {
    Ready ready = Quizzes.ready();
    String s = ready.student().accessToken();
    Reply started = Quizzes.start(s, ready.quiz()).expect(201);
    UUID attempt = Quizzes.attemptId(started);
    assertThat(started.header("Location")).endsWith("/api/v1/attempts/" + attempt);
    assertThat(started.json().path("attemptNumber").asInt()).isEqualTo(1);
    assertThat(started.text("status")).isEqualTo("in_progress");
    assertThat(started.json().path("deadlineAt").isMissingNode()).isTrue();
    assertThat(started.json().path("questions")).hasSize(4);
    assertThat(Courses.each(started.json().path("questions"), "id"))
        .containsExactlyElementsOf(ready.questions().stream().map(UUID::toString).toList());
    assertThat(Quizzes.fieldNames(started.json())).doesNotContainAnyElementsOf(ANSWER_KEY);
    assertThat(started.raw()).doesNotContain("Paris is the capital");
    assertThat(started.json().path("resultsVisible").asBoolean()).isFalse();

    // Saving merges by question; the reply and GET show the saved answers, still no key.
    Quizzes.save(s, attempt, List.of(Quizzes.choose(ready.questions().get(0), "a"))).expect(200);
    Reply saved =
        Quizzes.save(
                s,
                attempt,
                List.of(
                    Quizzes.choose(ready.questions().get(0), "b"),
                    Quizzes.value(ready.questions().get(2), true)))
            .expect(200);
    assertThat(saved.json().path("answers")).hasSize(2);
    Reply read = Api.get("/api/v1/attempts/" + attempt, s).expect(200);
    assertThat(read.json().path("answers").get(0).path("optionIds").get(0).asText()).isEqualTo("b");
    assertThat(Quizzes.fieldNames(read.json())).doesNotContainAnyElementsOf(ANSWER_KEY);

    // A client-sent score is not a thing: unknown fields are ignored, grading is the server's.
    Reply graded =
        Api.post(
                "/api/v1/attempts/" + attempt + "/submit",
                Map.of(
                    "score",
                    100,
                    "answers",
                    List.of(
                        Quizzes.choose(ready.questions().get(1), "x", "y"),
                        Quizzes.text(ready.questions().get(3), "  pArIs  "))),
                s)
            .expect(200);
    assertThat(graded.text("status")).isEqualTo("graded");
    assertThat(graded.json().path("score").decimalValue()).isEqualByComparingTo("10");
    assertThat(graded.json().path("maxScore").decimalValue()).isEqualByComparingTo("10");
    assertThat(graded.json().path("percentage").decimalValue()).isEqualByComparingTo("100");
    assertThat(graded.json().path("passed").asBoolean()).isTrue();
    assertThat(graded.json().path("timeTakenSeconds").isInt()).isTrue();
    // after_submit: the results with the key are now shown.
    assertThat(graded.json().path("resultsVisible").asBoolean()).isTrue();
    assertThat(graded.json().path("results")).hasSize(4);
    assertThat(graded.json().path("results").get(0).path("correctOptionIds").get(0).asText())
        .isEqualTo("b");
    assertThat(graded.json().path("results").get(0).path("explanation").asText())
        .isEqualTo("Paris is the capital.");

    Map<String, Object> row = Quizzes.attemptRow(attempt);
    assertThat(row.get("status")).isEqualTo("graded");
    assertThat((BigDecimal) row.get("score")).isEqualByComparingTo("10");
    assertThat((BigDecimal) row.get("percentage")).isEqualByComparingTo("100");
    assertThat(row.get("is_passed")).isEqualTo(true);
    assertThat(row.get("graded_at")).isNotNull();
    assertThat(row.get("auto_submitted")).isEqualTo(false);

    // Passing records the lesson's progress through the enrolment module.
    Map<String, Object> progress =
        Quizzes.lessonProgress(ready.enrollment(), ready.draft().quizLesson());
    assertThat(progress.get("status")).isEqualTo("completed");
    assertThat(((Number) progress.get("best_score")).intValue()).isEqualTo(100);
    assertThat(progress.get("attempts")).isEqualTo(1);
    Reply course = Api.get("/api/v1/enrollments/" + ready.enrollment(), s).expect(200);
    assertThat(course.json().path("completedLessons").asInt()).isEqualTo(1);

    // A submitted attempt takes nothing more.
    Quizzes.submit(s, attempt, null).expectProblem(409, "quiz.attempt-closed");
    Quizzes.save(s, attempt, List.of(Quizzes.value(ready.questions().get(2), false)))
        .expectProblem(409, "quiz.attempt-closed");
  }

  @Test
  void neverAndAfterLastAttemptKeepTheKeyHidden() {
    Ready never = Quizzes.ready("showCorrectAnswers", "never");
    String s = never.student().accessToken();
    UUID attempt = Quizzes.attemptId(Quizzes.start(s, never.quiz()).expect(201));
    Reply graded = Quizzes.submit(s, attempt, Quizzes.half(never.questions())).expect(200);
    assertThat(graded.json().path("percentage").decimalValue()).isEqualByComparingTo("50");
    assertThat(graded.json().path("passed").asBoolean()).isFalse();
    assertThat(graded.json().path("resultsVisible").asBoolean()).isFalse();
    assertThat(Quizzes.fieldNames(graded.json())).doesNotContain("results");
    assertThat(Quizzes.fieldNames(graded.json())).doesNotContainAnyElementsOf(ANSWER_KEY);
    // The instructor sees the results of the same attempt.
    Reply staff = Api.get("/api/v1/attempts/" + attempt, never.teacher().accessToken()).expect(200);
    assertThat(staff.json().path("resultsVisible").asBoolean()).isTrue();
    assertThat(staff.json().path("results").get(3).path("correct").asBoolean()).isTrue();
    assertThat(staff.json().path("results").get(0).path("correct").asBoolean()).isFalse();

    Ready last = Quizzes.ready("showCorrectAnswers", "after_last_attempt", "maxAttempts", 2);
    String l = last.student().accessToken();
    UUID first = Quizzes.attemptId(Quizzes.start(l, last.quiz()).expect(201));
    Reply one = Quizzes.submit(l, first, Quizzes.allWrong(last.questions())).expect(200);
    assertThat(one.json().path("resultsVisible").asBoolean()).isFalse();
    assertThat(Quizzes.fieldNames(one.json())).doesNotContainAnyElementsOf(ANSWER_KEY);
    UUID second = Quizzes.attemptId(Quizzes.start(l, last.quiz()).expect(201));
    assertThat(Quizzes.fieldNames(Api.get("/api/v1/attempts/" + second, l).json()))
        .doesNotContainAnyElementsOf(ANSWER_KEY);
    Reply two = Quizzes.submit(l, second, Quizzes.allRight(last.questions())).expect(200);
    assertThat(two.json().path("resultsVisible").asBoolean()).isTrue();
    assertThat(two.json().path("results")).hasSize(4);
    // ...and now the first attempt's results are visible too.
    assertThat(
            Api.get("/api/v1/attempts/" + first, l)
                .expect(200)
                .json()
                .path("resultsVisible")
                .asBoolean())
        .isTrue();
  }

  @Test
  void answersMustFitTheAttemptAndOnlyItsStudentAnswers() {
    Ready ready = Quizzes.ready();
    String s = ready.student().accessToken();
    UUID attempt = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    Quizzes.save(s, attempt, List.of(Quizzes.value(ready.questions().get(2), true))).expect(200);
    String before = Quizzes.attemptRow(attempt).get("answers").toString();

    Reply unknownQuestion =
        Quizzes.save(s, attempt, List.of(Quizzes.value(UUID.randomUUID(), true)))
            .expectProblem(400, "quiz.invalid-answers");
    assertThat(unknownQuestion.violationFields()).containsExactly("answers[0].questionId");
    Reply unknownOption =
        Quizzes.save(
                s,
                attempt,
                List.of(
                    Quizzes.value(ready.questions().get(2), false),
                    Quizzes.choose(ready.questions().get(0), "b", "zz")))
            .expectProblem(400, "quiz.invalid-answers");
    assertThat(unknownOption.violationFields()).containsExactly("answers[1].optionIds");
    Quizzes.save(s, attempt, List.of(Quizzes.text(ready.questions().get(0), "b")))
        .expectProblem(400, "quiz.invalid-answers");
    Quizzes.save(
            s,
            attempt,
            List.of(
                Quizzes.value(ready.questions().get(2), false),
                Quizzes.value(ready.questions().get(2), true)))
        .expectProblem(400, "quiz.invalid-answers");
    Quizzes.submit(s, attempt, List.of(Quizzes.value(UUID.randomUUID(), true)))
        .expectProblem(400, "quiz.invalid-answers");
    Api.put("/api/v1/attempts/" + attempt + "/answers", Map.of(), s)
        .expectProblem(400, "request.invalid");
    Api.put(
            "/api/v1/attempts/" + attempt + "/answers",
            "{\"answers\":[{\"questionId\":\""
                + ready.questions().get(2)
                + "\",\"value\":\"yes\"}]}",
            s)
        .expect(400);
    assertThat(Quizzes.attemptRow(attempt).get("answers").toString()).isEqualTo(before);
    assertThat(Quizzes.attemptRow(attempt).get("status")).isEqualTo("in_progress");

    String stranger = Accounts.student().accessToken();
    Quizzes.save(stranger, attempt, List.of(Quizzes.value(ready.questions().get(2), false)))
        .expectProblem(403, "quiz.not-owner");
    Quizzes.submit(stranger, attempt, null).expectProblem(403, "quiz.not-owner");
    Api.get("/api/v1/attempts/" + attempt, stranger).expectProblem(403, "quiz.attempt-forbidden");
    Api.get("/api/v1/attempts/" + attempt, Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "quiz.attempt-forbidden");
    Api.get("/api/v1/attempts/" + attempt, null).expectProblem(401, "auth.required");
    Api.get("/api/v1/attempts/" + UUID.randomUUID(), s)
        .expectProblem(404, "quiz.attempt-not-found");
    Quizzes.submit(s, UUID.randomUUID(), null).expectProblem(404, "quiz.attempt-not-found");
    Reply admin =
        Api.get("/api/v1/attempts/" + attempt, Accounts.admin().accessToken()).expect(200);
    assertThat(admin.json().path("answers")).hasSize(1);
    assertThat(admin.json().path("resultsVisible").asBoolean()).isFalse(); // nothing graded yet
    assertThat(Quizzes.attemptRow(attempt).get("status")).isEqualTo("in_progress");
  }

  @Test
  void onlyActivelyEnrolledStudentsTakeTheQuiz() {
    Ready ready = Quizzes.ready();
    Quizzes.start(Accounts.student().accessToken(), ready.quiz())
        .expectProblem(403, "quiz.not-enrolled");
    Quizzes.start(ready.teacher().accessToken(), ready.quiz())
        .expectProblem(403, "quiz.not-enrolled");
    Quizzes.start(null, ready.quiz()).expectProblem(401, "auth.required");
    Quizzes.start(ready.student().accessToken(), UUID.randomUUID())
        .expectProblem(404, "quiz.not-found");
    Api.post(
            "/api/v1/enrollments/" + ready.enrollment() + "/drop",
            null,
            ready.student().accessToken())
        .expect(200);
    Quizzes.start(ready.student().accessToken(), ready.quiz())
        .expectProblem(403, "quiz.not-enrolled");
    assertThat(Db.count("select count(*) from quiz.attempts where quiz_id = ?", ready.quiz()))
        .isZero();
  }

  @Test
  void latestPolicyRecordsTheLatestScoreButCompletionStays() {
    Ready ready = Quizzes.ready("gradingPolicy", "latest");
    String s = ready.student().accessToken();
    UUID first = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    Quizzes.submit(s, first, Quizzes.allRight(ready.questions())).expect(200);
    UUID second = Quizzes.attemptId(Quizzes.start(s, ready.quiz()).expect(201));
    Quizzes.submit(s, second, Quizzes.half(ready.questions())).expect(200);
    Map<String, Object> progress =
        Quizzes.lessonProgress(ready.enrollment(), ready.draft().quizLesson());
    assertThat(((Number) progress.get("best_score")).intValue()).isEqualTo(50);
    assertThat(progress.get("attempts")).isEqualTo(2);
    assertThat(progress.get("status")).isEqualTo("completed");
  }

  @Test
  void instructorsListAttemptsAndSeeStatisticsOfAKnownSet() {
    Ready ready = Quizzes.ready("passingScore", 50);
    String t = ready.teacher().accessToken();
    // Three students: 100 %, 50 %, 0 %; a fourth leaves an attempt open.
    List<List<Map<String, Object>>> answerSets =
        List.of(
            Quizzes.allRight(ready.questions()),
            Quizzes.half(ready.questions()),
            Quizzes.allWrong(ready.questions()));
    List<String> students = new ArrayList<>();
    students.add(ready.student().accessToken());
    for (int i = 0; i < 3; i++) {
      Accounts.Session other = Accounts.student();
      Enrolments.enrol(other.accessToken(), ready.draft().course());
      students.add(other.accessToken());
    }
    for (int i = 0; i < 3; i++) {
      UUID attempt = Quizzes.attemptId(Quizzes.start(students.get(i), ready.quiz()).expect(201));
      Quizzes.submit(students.get(i), attempt, answerSets.get(i)).expect(200);
    }
    Quizzes.start(students.get(3), ready.quiz()).expect(201);

    Reply page = Api.get("/api/v1/quizzes/" + ready.quiz() + "/attempts?size=2", t).expect(200);
    assertThat(page.header("X-Total-Count")).isEqualTo("4");
    assertThat(page.json().path("items")).hasSize(2);
    Reply graded =
        Api.get("/api/v1/quizzes/" + ready.quiz() + "/attempts?status=graded", t).expect(200);
    assertThat(graded.json().path("totalItems").asInt()).isEqualTo(3);
    Api.get("/api/v1/quizzes/" + ready.quiz() + "/attempts?status=lost", t)
        .expectProblem(400, "request.invalid");
    Api.get("/api/v1/quizzes/" + ready.quiz() + "/attempts", students.get(0)).expect(403);
    Api.get(
            "/api/v1/quizzes/" + ready.quiz() + "/attempts",
            Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "quiz.not-course-instructor");

    Reply stats = Api.get("/api/v1/quizzes/" + ready.quiz() + "/statistics", t).expect(200);
    var json = stats.json();
    assertThat(json.path("attemptCount").asInt()).isEqualTo(3);
    assertThat(json.path("inProgressCount").asInt()).isEqualTo(1);
    assertThat(json.path("averagePercentage").decimalValue()).isEqualByComparingTo("50");
    assertThat(json.path("passedCount").asInt()).isEqualTo(2);
    assertThat(json.path("passRate").decimalValue()).isEqualByComparingTo("66.67");
    assertThat(json.path("averageTimeSeconds").isNumber()).isTrue();
    List<Integer> histogram = new ArrayList<>();
    json.path("histogram").forEach(b -> histogram.add(b.path("count").asInt()));
    assertThat(histogram).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 1);
    assertThat(json.path("histogram").get(9).path("to").asInt()).isEqualTo(100);
    var questions = json.path("questions");
    assertThat(questions).hasSize(4);
    // capital: right once of 3; primes: once; sky: once; city: twice.
    assertThat(questions.get(0).path("correct").asInt()).isEqualTo(1);
    assertThat(questions.get(0).path("attempts").asInt()).isEqualTo(3);
    assertThat(questions.get(0).path("correctRate").decimalValue()).isEqualByComparingTo("33.33");
    assertThat(questions.get(3).path("correct").asInt()).isEqualTo(2);
    assertThat(questions.get(3).path("correctRate").decimalValue()).isEqualByComparingTo("66.67");
    Api.get("/api/v1/quizzes/" + ready.quiz() + "/statistics", students.get(0)).expect(403);
    Api.get("/api/v1/quizzes/" + UUID.randomUUID() + "/statistics", t)
        .expectProblem(404, "quiz.not-found");
  }
}
