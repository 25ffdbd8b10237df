package io.lectern.app.it;

import static io.lectern.app.it.Tutorials.API;
import static io.lectern.app.it.Tutorials.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tutorial progress API as the existing web front end uses it (API-CONTRACTS.md): every call
 * replays the client's requests, with {@code Content-Type: application/json} also on GET and
 * DELETE, {@code "userId": null} and the extra quiz fields the client sends.
 */
class TutorialProgressIT {

  private static String chapterBody(
      String chapterId, double watchTime, boolean completed, Integer totalChapters) {
    return "{\"userId\": null, \"chapterId\": \""
        + chapterId
        + "\", \"watchTime\": "
        + watchTime
        + ", \"completed\": "
        + completed
        + ", \"lastPosition\": "
        + watchTime
        + (totalChapters == null ? "" : ", \"totalChapters\": " + totalChapters)
        + "}";
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void withNothingStoredGetAnswersTheDefaultObject() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("intro-to-ai");
    for (String prefix : List.of(SEED, API)) {
      Reply reply = Api.get(prefix + "/" + tutorial, student.accessToken()).expect(200);

      assertThat(reply.header("Content-Type")).startsWith("application/json");
      JsonNode json = reply.json();
      assertThat(fieldNames(json)).containsExactlyElementsOf(Tutorials.PROGRESS_FIELDS);
      assertThat(json.path("tutorialId").asText()).isEqualTo(tutorial);
      assertThat(json.path("userId").asText()).isEqualTo(student.id().toString());
      assertThat(json.path("completionPercentage").isInt()).isTrue();
      assertThat(json.path("completionPercentage").asInt()).isZero();
      assertThat(json.path("chaptersCompleted").asInt()).isZero();
      assertThat(json.path("totalChapters").asInt()).isZero();
      assertThat(json.path("chapterProgress").isArray()).isTrue();
      assertThat(json.path("chapterProgress")).isEmpty();
      assertThat(json.path("quizScores").isArray()).isTrue();
      assertThat(json.path("quizScores")).isEmpty();
      assertThat(json.path("certificateEligible").isBoolean()).isTrue();
      assertThat(json.path("certificateEligible").asBoolean()).isFalse();
      assertThat(json.path("certificateEarned").asBoolean()).isFalse();
      assertThat(json.path("totalWatchTime").asInt()).isZero();
      assertThat(json.has("lastWatchedAt")).isTrue();
      assertThat(json.path("lastWatchedAt").isNull()).isTrue();
    }
    // Reading creates nothing.
    assertThat(Tutorials.progressRows(student.id(), tutorial)).isZero();
    // The client's ?userId= with its own id, and an empty one, are "me" too.
    Api.get(SEED + "/" + tutorial + "?userId=" + student.id(), student.accessToken()).expect(200);
    Api.get(SEED + "/" + tutorial + "?userId=", student.accessToken()).expect(200);
  }

  @Test
  void chapterUpdateReturnsTheBareProgressObjectAndStoresIt() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("intro-to-ai");
    Instant before = Instant.now().minusSeconds(5);

    Reply reply =
        Api.post(
                SEED + "/" + tutorial + "/chapter",
                "{\"userId\": null, \"chapterId\": \"chapter-1\", \"watchTime\": 300.4,"
                    + " \"completed\": true, \"lastPosition\": 299.6, \"totalChapters\": 8}",
                student.accessToken())
            .expect(200);

    JsonNode json = reply.json();
    assertThat(fieldNames(json)).containsExactlyElementsOf(Tutorials.PROGRESS_FIELDS);
    assertThat(json.path("tutorialId").asText()).isEqualTo(tutorial);
    assertThat(json.path("userId").asText()).isEqualTo(student.id().toString());
    assertThat(json.path("chaptersCompleted").asInt()).isEqualTo(1);
    assertThat(json.path("totalChapters").asInt()).isEqualTo(8);
    assertThat(json.path("completionPercentage").asInt()).isEqualTo(13); // 12.5 rounds up
    assertThat(json.path("totalWatchTime").asInt()).isEqualTo(300);
    assertThat(json.path("certificateEligible").asBoolean()).isFalse();
    JsonNode chapter = json.path("chapterProgress").get(0);
    assertThat(fieldNames(chapter))
        .containsExactly("chapterId", "watchTime", "completed", "lastPosition");
    assertThat(chapter.path("chapterId").asText()).isEqualTo("chapter-1");
    assertThat(chapter.path("watchTime").asInt()).isEqualTo(300);
    assertThat(chapter.path("completed").asBoolean()).isTrue();
    assertThat(chapter.path("lastPosition").asInt()).isEqualTo(300);
    Instant watched = Instant.parse(json.path("lastWatchedAt").asText());
    assertThat(json.path("lastWatchedAt").asText()).endsWith("Z");
    assertThat(watched).isBetween(before, Instant.now().plusSeconds(5));

    Map<String, Object> row = Tutorials.progressRow(student.id(), tutorial);
    assertThat(row.get("chapters_completed")).isEqualTo(1);
    assertThat(row.get("total_chapters")).isEqualTo(8);
    assertThat(row.get("completion_percentage")).isEqualTo(13);
    assertThat(row.get("total_watch_time")).isEqualTo(300L);
    assertThat(row.get("user_id")).isEqualTo(student.id());
    List<Map<String, Object>> chapters = Tutorials.chapterRows(student.id(), tutorial);
    assertThat(chapters).hasSize(1);
    assertThat(chapters.get(0).get("watch_time")).isEqualTo(300);
    assertThat(chapters.get(0).get("last_position")).isEqualTo(300);
    assertThat(chapters.get(0).get("completed")).isEqualTo(true);

    // GET answers the same object; the other prefix serves the same data.
    Reply read = Api.get(API + "/" + tutorial, student.accessToken()).expect(200);
    assertThat(read.json()).isEqualTo(json);
  }

  @Test
  void chapterMergeRulesHold() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("merge");
    String path = SEED + "/" + tutorial + "/chapter";
    String token = student.accessToken();

    Api.post(path, chapterBody("c1", 300, true, 8), token).expect(200);
    // A late or replayed update: smaller watch time, not completed, fewer chapters declared.
    Reply reply =
        Api.post(
                path,
                "{\"chapterId\": \"c1\", \"watchTime\": 120, \"completed\": false,"
                    + " \"lastPosition\": 110, \"totalChapters\": 5}",
                token)
            .expect(200);
    JsonNode c1 = reply.json().path("chapterProgress").get(0);
    assertThat(c1.path("watchTime").asInt()).as("watch time never decreases").isEqualTo(300);
    assertThat(c1.path("completed").asBoolean()).as("completion is never undone").isTrue();
    assertThat(c1.path("lastPosition").asInt()).as("position takes the new value").isEqualTo(110);
    assertThat(reply.json().path("totalChapters").asInt()).as("only grows").isEqualTo(8);

    // lastPosition defaults to watchTime, completed to false.
    reply = Api.post(path, "{\"chapterId\": \"c2\", \"watchTime\": 42}", token).expect(200);
    JsonNode c2 = reply.json().path("chapterProgress").get(1);
    assertThat(c2.path("chapterId").asText()).isEqualTo("c2");
    assertThat(c2.path("lastPosition").asInt()).isEqualTo(42);
    assertThat(c2.path("completed").asBoolean()).isFalse();
    assertThat(reply.json().path("totalWatchTime").asInt()).isEqualTo(342);
    assertThat(reply.json().path("chaptersCompleted").asInt()).isEqualTo(1);
    assertThat(reply.json().path("totalChapters").asInt()).isEqualTo(8);

    reply =
        Api.post(path, "{\"chapterId\": \"c2\", \"watchTime\": 40, \"completed\": true}", token)
            .expect(200);
    assertThat(reply.json().path("chaptersCompleted").asInt()).isEqualTo(2);
    assertThat(reply.json().path("completionPercentage").asInt()).isEqualTo(25);
    assertThat(reply.json().path("totalWatchTime").asInt()).isEqualTo(342);
    assertThat(Tutorials.chapterRows(student.id(), tutorial))
        .extracting(r -> r.get("watch_time"))
        .containsExactly(300, 42);

    // totalChapters grows when told so.
    reply = Api.post(path, chapterBody("c3", 10, false, 10), token).expect(200);
    assertThat(reply.json().path("totalChapters").asInt()).isEqualTo(10);
    assertThat(reply.json().path("completionPercentage").asInt()).isEqualTo(20);
  }

  @Test
  void percentageUsesTheKnownChaptersWhenNoTotalIsGiven() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("unknown-total");
    String path = API + "/" + tutorial + "/chapter";
    Api.post(path, chapterBody("a", 10, true, null), student.accessToken()).expect(200);
    Reply reply =
        Api.post(path, chapterBody("b", 10, false, null), student.accessToken()).expect(200);

    assertThat(reply.json().path("completionPercentage").asInt()).isEqualTo(50);
    assertThat(reply.json().path("chaptersCompleted").asInt()).isEqualTo(1);
    assertThat(reply.json().path("totalChapters").asInt())
        .as("never fewer chapters than are known")
        .isEqualTo(2);
  }

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
    assertThat(fieldNames(quiz))
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
      reply = Api.post(base + "/chapter", chapterBody("ch-" + i, 60, true, 20), token).expect(200);
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

    Api.post(base + "/chapter", chapterBody("one", 100, true, 2), token).expect(200);
    Reply notYet = Api.post(base + "/complete", "{\"userId\": null}", token);
    notYet.expectProblem(409, "tutorials.not-eligible");
    assertThat(notYet.text("detail")).contains("50 %").contains("95 %");

    Api.post(base + "/chapter", chapterBody("two", 100, true, 2), token).expect(200);
    Reply done =
        Api.post(
                base + "/complete",
                "{\"userId\": null, \"tutorialTitle\": \"Intro to AI\", \"difficulty\":"
                    + " \"beginner\", \"durationMinutes\": 45}",
                token)
            .expect(200);
    assertThat(fieldNames(done.json())).containsExactlyElementsOf(Tutorials.PROGRESS_FIELDS);
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
    Reply later = Api.post(base + "/chapter", chapterBody("bonus", 5, false, 3), token).expect(200);
    assertThat(later.json().path("certificateEarned").asBoolean()).isTrue();
    assertThat(later.json().path("completionPercentage").asInt()).isEqualTo(100);
  }

  @Test
  void certificateTitleDefaultsToTheTutorialId() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("untitled");
    String token = student.accessToken();
    Api.post(SEED + "/" + tutorial + "/chapter", chapterBody("only", 1, true, 1), token)
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

  @Test
  void deleteResetsEverythingAndAnswersWithJson() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("reset");
    String token = student.accessToken();
    String base = SEED + "/" + tutorial;
    Api.post(base + "/chapter", chapterBody("c1", 50, true, 1), token).expect(200);
    Api.post(base + "/quiz", "{\"quizId\": \"q\", \"score\": 5, \"maxScore\": 5}", token)
        .expect(200);
    Api.post(base + "/complete", "{\"userId\": null}", token).expect(200);
    assertThat(Tutorials.certificateRows(student.id(), tutorial)).hasSize(1);

    // The client's DELETE: Content-Type application/json and a JSON body.
    Reply reset =
        Api.send("DELETE", base, "{\"userId\": null}", token, "application/json").expect(200);
    assertThat(reset.header("Content-Type")).startsWith("application/json");
    assertThat(reset.json().path("success").asBoolean()).isTrue();
    assertThat(reset.text("message")).isEqualTo("Progress reset successfully");
    assertThat(fieldNames(reset.json())).containsExactly("success", "message");

    assertThat(Tutorials.progressRows(student.id(), tutorial)).isZero();
    assertThat(Tutorials.chapterRows(student.id(), tutorial)).isEmpty();
    assertThat(Tutorials.quizRows(student.id(), tutorial)).isEmpty();
    assertThat(
            Db.count(
                "select count(*) from tutorials.tutorial_certificates c where not exists"
                    + " (select 1 from tutorials.tutorial_progress p where p.id = c.progress_id)"))
        .isZero();
    Reply after = Api.get(base, token).expect(200);
    assertThat(after.json().path("chapterProgress")).isEmpty();
    assertThat(after.json().path("lastWatchedAt").isNull()).isTrue();

    // Resetting again, with the header and no body, with neither, or with ?userId=: still 200 JSON.
    Api.delete(API + "/" + tutorial, token).expect(200);
    Reply bare = Api.send("DELETE", base, null, token, null).expect(200);
    assertThat(bare.json().path("success").asBoolean()).isTrue();
    Api.delete(base + "?userId=" + student.id(), token).expect(200);
  }

  @Test
  void invalidRequestsAre400ProblemsAndChangeNothing() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("invalid");
    String token = student.accessToken();
    String chapter = SEED + "/" + tutorial + "/chapter";
    String quiz = SEED + "/" + tutorial + "/quiz";

    assertThat(
            Api.post(chapter, "{\"watchTime\": 10}", token)
                .expectProblem(400, "request.invalid")
                .violationFields())
        .containsExactly("chapterId");
    assertThat(
            Api.post(chapter, "{\"chapterId\": \"c\"}", token)
                .expectProblem(400, "request.invalid")
                .violationFields())
        .containsExactly("watchTime");
    Api.post(chapter, "{\"chapterId\": \"  \", \"watchTime\": 1}", token)
        .expectProblem(400, "request.invalid");
    Api.post(chapter, "{\"chapterId\": \"" + "c".repeat(256) + "\", \"watchTime\": 1}", token)
        .expectProblem(400, "request.invalid");
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": -1}", token)
        .expectProblem(400, "request.invalid");
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": 1, \"lastPosition\": -3}", token)
        .expectProblem(400, "request.invalid");
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": 1, \"totalChapters\": -1}", token)
        .expectProblem(400, "request.invalid");
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": 1, \"totalChapters\": 10001}", token)
        .expectProblem(400, "request.invalid");
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": 1e12}", token)
        .expectProblem(400, "request.invalid");
    // Wrong JSON types are refused, never coerced.
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": \"300\"}", token)
        .expectProblem(400, "request.malformed-json");
    Api.post(chapter, "{\"chapterId\": 5, \"watchTime\": 3}", token)
        .expectProblem(400, "request.malformed-json");
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": 3, \"completed\": \"yes\"}", token)
        .expectProblem(400, "request.malformed-json");
    Api.post(chapter, "{\"chapterId\": \"c\", \"watchTime\": 3, \"userId\": 42}", token)
        .expectProblem(400, "request.malformed-json");
    Api.post(chapter, "{not json", token).expectProblem(400, "request.malformed-json");
    Api.post(chapter, "", token).expectProblem(400, "request.malformed-json");
    assertThat(
            Api.post(chapter, "null", token)
                .expectProblem(400, "request.invalid")
                .violationFields())
        .containsExactly("body");

    Api.post(quiz, "{\"score\": 1, \"maxScore\": 2}", token).expectProblem(400, "request.invalid");
    assertThat(
            Api.post(quiz, "{\"quizId\": \"q\", \"score\": 11, \"maxScore\": 10}", token)
                .expectProblem(400, "request.invalid")
                .violationFields())
        .containsExactly("score");
    Api.post(quiz, "{\"quizId\": \"q\", \"score\": -1, \"maxScore\": 10}", token)
        .expectProblem(400, "request.invalid");
    Api.post(quiz, "{\"quizId\": \"q\", \"score\": 0, \"maxScore\": 0}", token)
        .expectProblem(400, "request.invalid");
    Api.post(quiz, "{\"quizId\": \"q\", \"score\": 1}", token)
        .expectProblem(400, "request.invalid");
    Api.post(quiz, "{\"quizId\": \"q\", \"score\": \"8\", \"maxScore\": 10}", token)
        .expectProblem(400, "request.malformed-json");

    // The tutorial id in the path: at most 255 characters, not blank.
    Reply longId =
        Api.post(SEED + "/" + "t".repeat(256) + "/chapter", chapterBody("c", 1, false, 1), token)
            .expectProblem(400, "request.invalid");
    assertThat(longId.violationFields()).containsExactly("tutorialId");
    Api.get(SEED + "/" + "t".repeat(256), token).expectProblem(400, "request.invalid");
    Api.get(SEED + "/%20%20", token).expectProblem(400, "request.invalid");
    Api.post(SEED + "/%20/chapter", chapterBody("c", 1, false, 1), token)
        .expectProblem(400, "request.invalid");

    assertThat(Tutorials.progressRows(student.id(), tutorial)).isZero();
    // The limits themselves are fine.
    Api.post(
            SEED + "/" + "t".repeat(255) + "/chapter",
            "{\"chapterId\": \""
                + "c".repeat(255)
                + "\", \"watchTime\": 0, \"totalChapters\": 10000}",
            token)
        .expect(200);
  }

  @Test
  void nothingAClientSendsCausesA500() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("fuzz");
    String[] bodies = {
      "",
      "null",
      "{}",
      "[]",
      "\"text\"",
      "42",
      "{\"chapterId\": null, \"watchTime\": null, \"quizId\": null, \"score\": null}",
      "{\"chapterId\": \"c\", \"watchTime\": 1e400, \"score\": 1e400, \"maxScore\": 1e400}",
      "{\"chapterId\": [], \"watchTime\": {}, \"completed\": 1, \"totalChapters\": 2.5}",
      "[{\"tutorialId\": \"t\", \"chapterProgress\": {}, \"quizScores\": [1, null, \"x\"]}]",
      "[{\"tutorialId\": \"t\", \"lastWatchedAt\": \"yesterday\"}, null, [], \"{bad\"]",
      "{\"records\": [{\"tutorialId\": \"\\u0000\", \"totalChapters\": 1e20}]}",
      "\u0000\u0001",
      "{\"chapterId\": \"\\ud800\", \"watchTime\": 1}"
    };
    String[] paths = {"/chapter", "/quiz", "/complete", ""};
    for (String prefix : List.of(SEED, API)) {
      for (String body : bodies) {
        List<Reply> replies = new ArrayList<>();
        for (String path : paths) {
          replies.add(Api.post(prefix + "/" + tutorial + path, body, student.accessToken()));
        }
        replies.add(Api.post(prefix + "/import", body, student.accessToken()));
        replies.add(
            Api.send(
                "DELETE",
                prefix + "/" + tutorial,
                body,
                student.accessToken(),
                "application/json"));
        for (Reply reply : replies) {
          assertThat(reply.status()).as("%s: %s", body, reply.raw()).isLessThan(500);
          if (reply.status() >= 400) {
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
          }
        }
      }
    }
  }

  @Test
  void everyCallNeedsAValidToken() {
    String tutorial = Tutorials.freshTutorial("anonymous");
    for (String prefix : List.of(SEED, API)) {
      String base = prefix + "/" + tutorial;
      Api.get(base, null).expectProblem(401, "auth.required");
      Api.post(base + "/chapter", chapterBody("c", 1, false, 1), null)
          .expectProblem(401, "auth.required");
      Api.post(base + "/quiz", "{\"quizId\": \"q\", \"score\": 1, \"maxScore\": 1}", null)
          .expectProblem(401, "auth.required");
      Api.post(base + "/complete", "{}", null).expectProblem(401, "auth.required");
      Api.send("DELETE", base, "{\"userId\": null}", null, "application/json")
          .expectProblem(401, "auth.required");
      Api.post(prefix + "/import", "[]", null).expectProblem(401, "auth.required");
      Api.get(base, "not.a.token").expectProblem(401, "auth.invalid-token");
      Api.post(base + "/chapter", chapterBody("c", 1, false, 1), "not.a.token")
          .expectProblem(401, "auth.invalid-token");
    }
    assertThat(
            Db.count(
                "select count(*) from tutorials.tutorial_progress where tutorial_id = ?", tutorial))
        .isZero();
  }

  @Test
  void nobodyTouchesSomeoneElsesProgressExceptAdmins() {
    Accounts.Session owner = Accounts.student();
    Accounts.Session other = Accounts.student();
    Accounts.Session instructor = Accounts.withRole("instructor");
    String tutorial = Tutorials.freshTutorial("private");
    String base = SEED + "/" + tutorial;
    Api.post(base + "/chapter", chapterBody("c1", 100, true, 4), owner.accessToken()).expect(200);
    Map<String, Object> before = Tutorials.progressRow(owner.id(), tutorial);
    String ownerJson = "{\"userId\": \"" + owner.id() + "\"";

    for (String token : List.of(other.accessToken(), instructor.accessToken())) {
      Api.get(base + "?userId=" + owner.id(), token).expectProblem(403, "auth.not-owner");
      Api.post(
              base + "/chapter",
              ownerJson + ", \"chapterId\": \"c2\", \"watchTime\": 5, \"completed\": true}",
              token)
          .expectProblem(403, "auth.not-owner");
      Api.post(
              base + "/quiz",
              ownerJson + ", \"quizId\": \"q\", \"score\": 0, \"maxScore\": 1}",
              token)
          .expectProblem(403, "auth.not-owner");
      Api.post(base + "/complete", ownerJson + "}", token).expectProblem(403, "auth.not-owner");
      Api.send("DELETE", base, ownerJson + "}", token, "application/json")
          .expectProblem(403, "auth.not-owner");
      Api.delete(base + "?userId=" + owner.id(), token).expectProblem(403, "auth.not-owner");
      Api.get(base + "/certificate?userId=" + owner.id(), token)
          .expectProblem(403, "auth.not-owner");
      // Browser-era ids are someone else too.
      Api.get(base + "?userId=anonymous", token).expectProblem(403, "auth.not-owner");
    }
    assertThat(Tutorials.progressRow(owner.id(), tutorial)).isEqualTo(before);
    assertThat(Tutorials.chapterRows(owner.id(), tutorial)).hasSize(1);
    assertThat(Tutorials.quizRows(owner.id(), tutorial)).isEmpty();
    // The others' own progress in the same tutorial is their own, separate record.
    Reply theirs = Api.get(base, other.accessToken()).expect(200);
    assertThat(theirs.json().path("chapterProgress")).isEmpty();
    // An instructor tracks tutorials too, for themselves.
    Api.post(base + "/chapter", chapterBody("c1", 1, false, 1), instructor.accessToken())
        .expect(200);

    // Admins may read and change anyone's progress.
    String admin = Accounts.admin().accessToken();
    Reply read = Api.get(API + "/" + tutorial + "?userId=" + owner.id(), admin).expect(200);
    assertThat(read.text("userId")).isEqualTo(owner.id().toString());
    assertThat(read.json().path("chaptersCompleted").asInt()).isEqualTo(1);
    Reply written =
        Api.post(
                base + "/chapter",
                ownerJson + ", \"chapterId\": \"c2\", \"watchTime\": 7, \"completed\": true}",
                admin)
            .expect(200);
    assertThat(written.text("userId")).isEqualTo(owner.id().toString());
    assertThat(Tutorials.chapterRows(owner.id(), tutorial)).hasSize(2);
    Api.get(base + "?userId=not-a-user-id", admin).expectProblem(400, "request.invalid");
    Api.get(base + "?userId=" + UUID.randomUUID(), admin)
        .expectProblem(404, "tutorials.user-not-found");
    Api.send(
            "DELETE",
            base + "?userId=" + owner.id(),
            "{\"userId\": \"" + other.id() + "\"}",
            admin,
            "application/json")
        .expectProblem(400, "request.invalid");
    Api.send("DELETE", base, ownerJson + "}", admin, "application/json").expect(200);
    assertThat(Tutorials.progressRows(owner.id(), tutorial)).isZero();
    assertThat(Tutorials.progressRows(instructor.id(), tutorial)).isEqualTo(1);
  }

  @Test
  void bothPrefixesServeTheSameProgress() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("prefixes");
    String token = student.accessToken();
    Api.post(SEED + "/" + tutorial + "/chapter", chapterBody("a", 10, true, 2), token).expect(200);
    Api.post(API + "/" + tutorial + "/chapter", chapterBody("b", 20, true, 2), token).expect(200);
    Api.post(
            API + "/" + tutorial + "/quiz",
            "{\"quizId\": \"q\", \"score\": 1, \"maxScore\": 1}",
            token)
        .expect(200);

    Reply seed = Api.get(SEED + "/" + tutorial, token).expect(200);
    Reply api = Api.get(API + "/" + tutorial, token).expect(200);
    assertThat(api.json()).isEqualTo(seed.json());
    assertThat(seed.json().path("chaptersCompleted").asInt()).isEqualTo(2);
    assertThat(seed.json().path("certificateEligible").asBoolean()).isTrue();
    assertThat(Tutorials.progressRows(student.id(), tutorial)).isEqualTo(1);
  }

  @Test
  void theApiIsDocumentedAndTheSchemaBelongsToLiquibase() {
    Reply spec = Api.send("GET", "/openapi?format=JSON", null, null, null).expect(200);
    JsonNode paths = spec.json().path("paths");
    for (String prefix : List.of(SEED, API)) {
      for (String path :
          List.of(
              "/{tutorialId}",
              "/{tutorialId}/chapter",
              "/{tutorialId}/quiz",
              "/{tutorialId}/complete",
              "/{tutorialId}/certificate",
              "/import")) {
        assertThat(paths.has(prefix + path)).as("OpenAPI documents %s", prefix + path).isTrue();
      }
    }
    assertThat(paths.has("/api/v1/admin/tutorials/stats")).isTrue();
    assertThat(paths.has("/api/v1/admin/tutorials/anomalies")).isTrue();
    assertThat(paths.path(SEED + "/{tutorialId}").has("delete")).isTrue();

    assertThat(
            Db.count(
                "select count(*) from databasechangelog"
                    + " where filename like '%tutorials/001-tutorial-progress.sql'"))
        .isEqualTo(5);
    assertThat(
            Db.count(
                "select count(*) from information_schema.tables where table_schema = 'tutorials'"
                    + " and table_name in ('tutorial_progress', 'chapter_progress', 'quiz_scores',"
                    + " 'tutorial_certificates')"))
        .isEqualTo(4);
  }

  @Test
  void concurrentUpdatesNeverLoseOneAndNeverDuplicateTheProgressRow() throws Exception {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("race");
    String token = student.accessToken();
    String base = SEED + "/" + tutorial;
    int chapters = 20;
    int quizPosts = 10;
    int sameChapterPosts = 10;

    List<Parallel.Call> calls = new ArrayList<>();
    for (int i = 0; i < chapters; i++) {
      String body = chapterBody("chapter-" + i, 10 + i, true, chapters);
      calls.add(() -> Api.post(base + "/chapter", body, token));
    }
    for (int i = 0; i < quizPosts; i++) {
      int score = i;
      calls.add(
          () ->
              Api.post(
                  base + "/quiz",
                  "{\"quizId\": \"quiz-1\", \"score\": " + score + ", \"maxScore\": 10}",
                  token));
    }
    for (int i = 1; i <= sameChapterPosts; i++) {
      String body = chapterBody("shared", i * 100, false, null);
      calls.add(() -> Api.post(API + "/" + tutorial + "/chapter", body, token));
    }

    List<Reply> replies = Parallel.run(calls, Duration.ofSeconds(60));

    assertThat(replies).extracting(Reply::status).containsOnly(200);
    assertThat(Tutorials.progressRows(student.id(), tutorial)).isEqualTo(1);
    List<Map<String, Object>> chapterRows = Tutorials.chapterRows(student.id(), tutorial);
    assertThat(chapterRows).hasSize(chapters + 1);
    assertThat(chapterRows)
        .filteredOn(r -> r.get("chapter_id").equals("shared"))
        .singleElement()
        .satisfies(r -> assertThat(r.get("watch_time")).isEqualTo(sameChapterPosts * 100));
    List<Map<String, Object>> quizRows = Tutorials.quizRows(student.id(), tutorial);
    assertThat(quizRows).hasSize(1);
    assertThat(quizRows.get(0).get("attempts")).isEqualTo(quizPosts);
    assertThat(quizRows.get(0).get("score")).isEqualTo(quizPosts - 1);

    long watchSum = 0;
    for (int i = 0; i < chapters; i++) {
      watchSum += 10 + i;
    }
    watchSum += sameChapterPosts * 100;
    Map<String, Object> row = Tutorials.progressRow(student.id(), tutorial);
    assertThat(row.get("chapters_completed")).isEqualTo(chapters);
    assertThat(row.get("total_chapters")).isEqualTo(chapters + 1);
    assertThat(row.get("total_watch_time")).isEqualTo(watchSum);
    assertThat(row.get("completion_percentage")).isEqualTo(95); // 20 of 21

    Reply read = Api.get(base, token).expect(200);
    assertThat(read.json().path("chapterProgress")).hasSize(chapters + 1);
    assertThat(read.json().path("totalWatchTime").asLong()).isEqualTo(watchSum);
  }
}
