package io.lectern.app.it;

import static io.lectern.app.it.Tutorials.API;
import static io.lectern.app.it.Tutorials.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the tutorial progress API refuses: invalid or hostile input (400 problems that change
 * nothing, never a 500), calls without a valid token, and anyone but admins touching someone else's
 * progress; and that its contract is documented and its schema owned by Liquibase.
 */
class TutorialProgressGuardIT {

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
        Api.post(
                SEED + "/" + "t".repeat(256) + "/chapter",
                Tutorials.chapterBody("c", 1, false, 1),
                token)
            .expectProblem(400, "request.invalid");
    assertThat(longId.violationFields()).containsExactly("tutorialId");
    Api.get(SEED + "/" + "t".repeat(256), token).expectProblem(400, "request.invalid");
    Api.get(SEED + "/%20%20", token).expectProblem(400, "request.invalid");
    Api.post(SEED + "/%20/chapter", Tutorials.chapterBody("c", 1, false, 1), token)
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
      Api.post(base + "/chapter", Tutorials.chapterBody("c", 1, false, 1), null)
          .expectProblem(401, "auth.required");
      Api.post(base + "/quiz", "{\"quizId\": \"q\", \"score\": 1, \"maxScore\": 1}", null)
          .expectProblem(401, "auth.required");
      Api.post(base + "/complete", "{}", null).expectProblem(401, "auth.required");
      Api.send("DELETE", base, "{\"userId\": null}", null, "application/json")
          .expectProblem(401, "auth.required");
      Api.post(prefix + "/import", "[]", null).expectProblem(401, "auth.required");
      Api.get(base, "not.a.token").expectProblem(401, "auth.invalid-token");
      Api.post(base + "/chapter", Tutorials.chapterBody("c", 1, false, 1), "not.a.token")
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
    Api.post(base + "/chapter", Tutorials.chapterBody("c1", 100, true, 4), owner.accessToken())
        .expect(200);
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
    Api.post(base + "/chapter", Tutorials.chapterBody("c1", 1, false, 1), instructor.accessToken())
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
}
