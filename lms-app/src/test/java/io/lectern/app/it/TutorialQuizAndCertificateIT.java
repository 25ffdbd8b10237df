package io.lectern.app.it;

import static io.lectern.app.it.Tutorials.API;
import static io.lectern.app.it.Tutorials.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tutorial quiz results and tutorial certificates through the tutorial progress API, with the front
 * end's requests (API-CONTRACTS.md): attempts, best scores, eligibility and issuing once.
 */
class TutorialQuizAndCertificateIT {

  @Test
  void quizResultsCountAttemptsKeepTheBestScoreAndStayPassed() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("quiz");
    String path = SEED + "/" + tutorial + "/quiz";
    String token = student.accessToken();
    Instant before = Instant.now().minusSeconds(5);

    // The client's request, with the attempts and completedAt it also sends.
    Reply reply =
        Api.post(
                path,
                "{\"userId\": null, \"quizId\": \"quiz-1\", \"score\": 8, \"maxScore\": 10,"
                    + " \"passed\": true, \"attempts\": 7, \"completedAt\": \"2020-01-01T00:00:00Z\"}",
                token)
            .expect(200);
    JsonNode quiz = reply.json().path("quizScores").get(0);
    assertThat(Tutorials.fieldNames(quiz))
        .containsExactly("quizId", "score", "maxScore", "passed", "attempts", "completedAt");
    assertThat(quiz.path("score").asInt()).isEqualTo(8);
    assertThat(quiz.path("maxScore").asInt()).isEqualTo(10);
    assertThat(quiz.path("passed").asBoolean()).isTrue();
    assertThat(quiz.path("attempts").asInt()).as("the server counts attempts").isEqualTo(1);
    Instant first = Instant.parse(quiz.path("completedAt").asText());
    assertThat(first).as("the server stamps the time").isAfter(before);
    assertThat(reply.json().path("lastWatchedAt").isNull()).isTrue();

    // A worse, failed repeat: one more attempt, best score kept, still passed, new time.
    reply =
        Api.post(
                path,
                "{\"quizId\": \"quiz-1\", \"score\": 3, \"maxScore\": 10, \"passed\": false,"
                    + " \"attempts\": 1, \"completedAt\": null}",
                token)
            .expect(200);
    quiz = reply.json().path("quizScores").get(0);
    assertThat(quiz.path("attempts").asInt()).isEqualTo(2);
    assertThat(quiz.path("score").asInt()).isEqualTo(8);
    assertThat(quiz.path("passed").asBoolean()).isTrue();
    assertThat(Instant.parse(quiz.path("completedAt").asText())).isAfterOrEqualTo(first);

    // A better one replaces the score.
    reply =
        Api.post(path, "{\"quizId\": \"quiz-1\", \"score\": 9.6, \"maxScore\": 10}", token)
            .expect(200);
    quiz = reply.json().path("quizScores").get(0);
    assertThat(quiz.path("attempts").asInt()).isEqualTo(3);
    assertThat(quiz.path("score").asInt()).isEqualTo(10); // 9.6 points round to 10

    // passed defaults to score >= 70 % of maxScore.
    reply = Api.post(path, "{\"quizId\": \"quiz-2\", \"score\": 7, \"maxScore\": 10}", token);
    assertThat(reply.expect(200).json().path("quizScores").get(1).path("passed").asBoolean())
        .isTrue();
    reply = Api.post(path, "{\"quizId\": \"quiz-3\", \"score\": 6, \"maxScore\": 10}", token);
    assertThat(reply.expect(200).json().path("quizScores").get(2).path("passed").asBoolean())
        .isFalse();

    List<Map<String, Object>> rows = Tutorials.quizRows(student.id(), tutorial);
    assertThat(rows).extracting(r -> r.get("attempts")).containsExactly(3, 1, 1);
    assertThat(rows).extracting(r -> r.get("score")).containsExactly(10, 7, 6);
  }

  @Test
  void certificateEligibilityNeeds95PercentAndEveryQuizPassed() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("eligibility");
    String token = student.accessToken();
    String base = SEED + "/" + tutorial;
    Reply reply = null;
    for (int i = 1; i <= 19; i++) {
      reply =
          Api.post(base + "/chapter", Tutorials.chapterBody("ch-" + i, 60, true, 20), token)
              .expect(200);
      assertThat(reply.json().path("certificateEligible").asBoolean()).isEqualTo(i == 19);
    }
    assertThat(reply.json().path("completionPercentage").asInt()).isEqualTo(95);

    reply =
        Api.post(base + "/quiz", "{\"quizId\": \"final\", \"score\": 2, \"maxScore\": 10}", token)
            .expect(200);
    assertThat(reply.json().path("certificateEligible").asBoolean())
        .as("a failed quiz blocks the certificate")
        .isFalse();
    Reply refused = Api.post(base + "/complete", "{\"userId\": null}", token);
    refused.expectProblem(409, "tutorials.not-eligible");
    assertThat(refused.text("detail")).contains("1 quiz is not passed");
    assertThat(Tutorials.certificateRows(student.id(), tutorial)).isEmpty();

    reply =
        Api.post(base + "/quiz", "{\"quizId\": \"final\", \"score\": 9, \"maxScore\": 10}", token)
            .expect(200);
    assertThat(reply.json().path("certificateEligible").asBoolean()).isTrue();
  }

  @Test
  void completeIssuesTheCertificateOnce() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("complete");
    String token = student.accessToken();
    String base = API + "/" + tutorial;

    Api.post(base + "/complete", "{\"userId\": null}", token)
        .expectProblem(404, "tutorials.progress-not-found");

    Api.post(base + "/chapter", Tutorials.chapterBody("one", 100, true, 2), token).expect(200);
    Reply notYet = Api.post(base + "/complete", "{\"userId\": null}", token);
    notYet.expectProblem(409, "tutorials.not-eligible");
    assertThat(notYet.text("detail")).contains("50 %").contains("95 %");

    Api.post(base + "/chapter", Tutorials.chapterBody("two", 100, true, 2), token).expect(200);
    Reply done =
        Api.post(
                base + "/complete",
                "{\"userId\": null, \"tutorialTitle\": \"Intro to AI\", \"difficulty\":"
                    + " \"beginner\", \"durationMinutes\": 45}",
                token)
            .expect(200);
    assertThat(Tutorials.fieldNames(done.json()))
        .containsExactlyElementsOf(Tutorials.PROGRESS_FIELDS);
    assertThat(done.json().path("certificateEarned").asBoolean()).isTrue();
    assertThat(done.json().path("certificateEligible").asBoolean()).isTrue();
    assertThat(done.json().path("completionPercentage").asInt()).isEqualTo(100);

    List<Map<String, Object>> certificates = Tutorials.certificateRows(student.id(), tutorial);
    assertThat(certificates).hasSize(1);
    Map<String, Object> certificate = certificates.get(0);
    String number = (String) certificate.get("certificate_id");
    assertThat(number).matches("TUT-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
    assertThat(certificate.get("user_name")).isEqualTo("Test Student");
    assertThat(certificate.get("tutorial_title")).isEqualTo("Intro to AI");
    assertThat(certificate.get("difficulty")).isEqualTo("beginner");
    assertThat(certificate.get("duration")).isEqualTo(45);

    // Repeating is harmless: same answer, no second certificate, number unchanged.
    Reply again = Api.post(SEED + "/" + tutorial + "/complete", "{}", token).expect(200);
    assertThat(again.json()).isEqualTo(done.json());
    assertThat(Tutorials.certificateRows(student.id(), tutorial))
        .singleElement()
        .satisfies(c -> assertThat(c.get("certificate_id")).isEqualTo(number));

    Reply shown = Api.get(base + "/certificate", token).expect(200);
    assertThat(shown.text("certificateId")).isEqualTo(number);
    assertThat(shown.text("userName")).isEqualTo("Test Student");
    assertThat(shown.text("tutorialTitle")).isEqualTo("Intro to AI");
    assertThat(shown.json().path("durationMinutes").asInt()).isEqualTo(45);

    // Progress reported after completion keeps the certificate at 100 %.
    Reply later =
        Api.post(base + "/chapter", Tutorials.chapterBody("bonus", 5, false, 3), token).expect(200);
    assertThat(later.json().path("certificateEarned").asBoolean()).isTrue();
    assertThat(later.json().path("completionPercentage").asInt()).isEqualTo(100);
  }

  @Test
  void certificateTitleDefaultsToTheTutorialId() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("untitled");
    String token = student.accessToken();
    Api.post(SEED + "/" + tutorial + "/chapter", Tutorials.chapterBody("only", 1, true, 1), token)
        .expect(200);
    // No body at all is "me" as well.
    Api.send("POST", SEED + "/" + tutorial + "/complete", null, token, "application/json")
        .expect(200);

    Map<String, Object> certificate = Tutorials.certificateRows(student.id(), tutorial).get(0);
    assertThat(certificate.get("tutorial_title")).isEqualTo(tutorial);
    assertThat(certificate.get("difficulty")).isNull();
    assertThat(certificate.get("duration")).isNull();
    Reply shown = Api.get(SEED + "/" + tutorial + "/certificate", token).expect(200);
    assertThat(shown.json().has("difficulty")).isTrue();
    assertThat(shown.json().path("difficulty").isNull()).isTrue();

    Api.get(SEED + "/" + Tutorials.freshTutorial("none") + "/certificate", token)
        .expectProblem(404, "tutorials.certificate-not-found");
    Api.post(
            SEED + "/" + tutorial + "/complete",
            "{\"tutorialTitle\": \"" + "t".repeat(501) + "\"}",
            token)
        .expectProblem(400, "request.invalid");
    Api.post(SEED + "/" + tutorial + "/complete", "{\"durationMinutes\": -5}", token)
        .expectProblem(400, "request.invalid");
    Api.post(SEED + "/" + tutorial + "/complete", "{\"durationMinutes\": \"45\"}", token)
        .expectProblem(400, "request.malformed-json");
    Api.post(SEED + "/" + tutorial + "/complete", "{\"durationMinutes\": 4.5}", token)
        .expectProblem(400, "request.malformed-json");
    Api.post(SEED + "/" + tutorial + "/complete", "[]", token)
        .expectProblem(400, "request.malformed-json");
    // A POST body must be JSON (DELETE, whose body is optional, takes any).
    Api.send("POST", SEED + "/" + tutorial + "/complete", "{}", token, "text/plain")
        .expectProblem(415, "http.unsupported-media-type");
  }
}
