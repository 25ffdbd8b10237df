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
import org.junit.jupiter.api.Test;

/**
 * The tutorial progress API as the existing web front end uses it (API-CONTRACTS.md): the progress
 * object, chapter updates and their merge rules, reset, both prefixes and concurrent updates. Every
 * call replays the client's requests, with {@code Content-Type: application/json} also on GET and
 * DELETE, {@code "userId": null} and the extra quiz fields the client sends.
 */
class TutorialProgressIT {

  @Test
  void withNothingStoredGetAnswersTheDefaultObject() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("intro-to-ai");
    for (String prefix : List.of(SEED, API)) {
      Reply reply = Api.get(prefix + "/" + tutorial, student.accessToken()).expect(200);

      assertThat(reply.header("Content-Type")).startsWith("application/json");
      JsonNode json = reply.json();
      assertThat(Tutorials.fieldNames(json)).containsExactlyElementsOf(Tutorials.PROGRESS_FIELDS);
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
    assertThat(Tutorials.fieldNames(json)).containsExactlyElementsOf(Tutorials.PROGRESS_FIELDS);
    assertThat(json.path("tutorialId").asText()).isEqualTo(tutorial);
    assertThat(json.path("userId").asText()).isEqualTo(student.id().toString());
    assertThat(json.path("chaptersCompleted").asInt()).isEqualTo(1);
    assertThat(json.path("totalChapters").asInt()).isEqualTo(8);
    assertThat(json.path("completionPercentage").asInt()).isEqualTo(13); // 12.5 rounds up
    assertThat(json.path("totalWatchTime").asInt()).isEqualTo(300);
    assertThat(json.path("certificateEligible").asBoolean()).isFalse();
    JsonNode chapter = json.path("chapterProgress").get(0);
    assertThat(Tutorials.fieldNames(chapter))
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

    Api.post(path, Tutorials.chapterBody("c1", 300, true, 8), token).expect(200);
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
    reply = Api.post(path, Tutorials.chapterBody("c3", 10, false, 10), token).expect(200);
    assertThat(reply.json().path("totalChapters").asInt()).isEqualTo(10);
    assertThat(reply.json().path("completionPercentage").asInt()).isEqualTo(20);
  }

  @Test
  void percentageUsesTheKnownChaptersWhenNoTotalIsGiven() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("unknown-total");
    String path = API + "/" + tutorial + "/chapter";
    Api.post(path, Tutorials.chapterBody("a", 10, true, null), student.accessToken()).expect(200);
    Reply reply =
        Api.post(path, Tutorials.chapterBody("b", 10, false, null), student.accessToken())
            .expect(200);

    assertThat(reply.json().path("completionPercentage").asInt()).isEqualTo(50);
    assertThat(reply.json().path("chaptersCompleted").asInt()).isEqualTo(1);
    assertThat(reply.json().path("totalChapters").asInt())
        .as("never fewer chapters than are known")
        .isEqualTo(2);
  }

  @Test
  void deleteResetsEverythingAndAnswersWithJson() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("reset");
    String token = student.accessToken();
    String base = SEED + "/" + tutorial;
    Api.post(base + "/chapter", Tutorials.chapterBody("c1", 50, true, 1), token).expect(200);
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
    assertThat(Tutorials.fieldNames(reset.json())).containsExactly("success", "message");

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
  void bothPrefixesServeTheSameProgress() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("prefixes");
    String token = student.accessToken();
    Api.post(SEED + "/" + tutorial + "/chapter", Tutorials.chapterBody("a", 10, true, 2), token)
        .expect(200);
    Api.post(API + "/" + tutorial + "/chapter", Tutorials.chapterBody("b", 20, true, 2), token)
        .expect(200);
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
      String body = Tutorials.chapterBody("chapter-" + i, 10 + i, true, chapters);
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
      String body = Tutorials.chapterBody("shared", i * 100, false, null);
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
