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
 * Moving browser-stored progress in (seed 002): a batch of localStorage progress objects merged
 * into the caller's progress, idempotently, one bad record failing only itself.
 */
class TutorialImportIT {

  /** A progress object as the browser keeps it under tutorial_progress_<id>_anonymous. */
  private static String browserRecord(
      String tutorialId, String userId, String chapters, String quizzes) {
    return "{\"tutorialId\": \""
        + tutorialId
        + "\", \"userId\": "
        + (userId == null ? "null" : "\"" + userId + "\"")
        + ", \"completionPercentage\": 100, \"chaptersCompleted\": 2, \"totalChapters\": 4,"
        + " \"chapterProgress\": ["
        + chapters
        + "], \"quizScores\": ["
        + quizzes
        + "], \"certificateEligible\": true, \"certificateEarned\": true,"
        + " \"totalWatchTime\": 999999, \"lastWatchedAt\": \"2026-01-19T12:30:00Z\"}";
  }

  private static final String TWO_CHAPTERS =
      "{\"chapterId\": \"chapter-1\", \"watchTime\": 300, \"completed\": true, \"lastPosition\": 300},"
          + " {\"chapterId\": \"chapter-2\", \"watchTime\": 95.5, \"completed\": false,"
          + " \"lastPosition\": 90}";

  private static final String ONE_QUIZ =
      "{\"quizId\": \"quiz-1\", \"score\": 8, \"maxScore\": 10, \"passed\": true, \"attempts\": 3,"
          + " \"completedAt\": \"2026-01-19T12:00:00Z\"}";

  /** Everything stored for the user, to compare before and after a replay. */
  private static List<Map<String, Object>> everything(UUID userId) {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.addAll(
        Db.rows(
            "select * from tutorials.tutorial_progress where user_id = ? order by tutorial_id",
            userId));
    rows.addAll(
        Db.rows(
            "select c.* from tutorials.chapter_progress c join tutorials.tutorial_progress p"
                + " on p.id = c.progress_id where p.user_id = ? order by p.tutorial_id, c.chapter_id",
            userId));
    rows.addAll(
        Db.rows(
            "select q.* from tutorials.quiz_scores q join tutorials.tutorial_progress p"
                + " on p.id = q.progress_id where p.user_id = ? order by p.tutorial_id, q.quiz_id",
            userId));
    rows.addAll(
        Db.rows(
            "select c.* from tutorials.tutorial_certificates c join tutorials.tutorial_progress p"
                + " on p.id = c.progress_id where p.user_id = ?",
            userId));
    return rows;
  }

  @Test
  void aBatchIsMergedForTheCallerAndBadRecordsFailAlone() {
    Accounts.Session student = Accounts.student();
    String first = Tutorials.freshTutorial("browser-a");
    String second = Tutorials.freshTutorial("browser-b");
    String third = Tutorials.freshTutorial("browser-c");
    String bad = Tutorials.freshTutorial("browser-bad");
    // The raw localStorage value (a string holding the JSON) is accepted as well.
    String raw =
        browserRecord(third, "someone-else", "{\"chapterId\": \"x\", \"watchTime\": 5}", "")
            .replace("\"", "\\\"");
    String opened = Tutorials.freshTutorial("browser-opened");
    String batch =
        "["
            + browserRecord(first, "anonymous", TWO_CHAPTERS, ONE_QUIZ)
            + ", "
            + browserRecord(bad, null, "{\"chapterId\": \"c\", \"watchTime\": \"300\"}", "")
            + ", "
            + browserRecord(second, "user-123", TWO_CHAPTERS, "")
            + ", {\"chapterProgress\": []}, "
            + browserRecord(
                Tutorials.freshTutorial("browser-score"),
                null,
                "",
                "{\"quizId\": \"q\", \"score\": 11, \"maxScore\": 10}")
            + ", \""
            + raw
            + "\", 42, "
            + browserRecord(opened, null, "", "")
            + "]";

    Reply reply = Api.post(SEED + "/import", batch, student.accessToken()).expect(200);

    JsonNode json = reply.json();
    assertThat(json.path("migrated").asInt()).isEqualTo(4);
    assertThat(json.path("failed").asInt()).isEqualTo(4);
    JsonNode errors = json.path("errors");
    assertThat(errors).hasSize(4);
    assertThat(errors.get(0).path("index").asInt()).isEqualTo(1);
    assertThat(errors.get(0).path("tutorialId").asText()).isEqualTo(bad);
    assertThat(errors.get(0).path("message").asText())
        .contains("chapterProgress[0].watchTime must be a number");
    assertThat(errors.get(1).path("index").asInt()).isEqualTo(3);
    assertThat(errors.get(1).has("tutorialId")).isTrue();
    assertThat(errors.get(1).path("tutorialId").isNull()).isTrue();
    assertThat(errors.get(1).path("message").asText()).contains("tutorialId must not be blank");
    assertThat(errors.get(2).path("message").asText())
        .contains("quizScores[0].score must not be greater than maxScore");
    assertThat(errors.get(3).path("index").asInt()).isEqualTo(6);

    // Stored under the caller, whatever userId the browser had; totals derived, not trusted.
    Map<String, Object> row = Tutorials.progressRow(student.id(), first);
    assertThat(row.get("total_chapters")).isEqualTo(4);
    assertThat(row.get("chapters_completed")).isEqualTo(1);
    assertThat(row.get("completion_percentage")).isEqualTo(25);
    assertThat(row.get("total_watch_time")).isEqualTo(396L); // 300 + 95.5 rounded up
    assertThat(row.get("certificate_earned")).isEqualTo(false);
    assertThat(row.get("certificate_eligible")).isEqualTo(false);
    assertThat(Tutorials.certificateRows(student.id(), first)).isEmpty();
    List<Map<String, Object>> quizzes = Tutorials.quizRows(student.id(), first);
    assertThat(quizzes).hasSize(1);
    assertThat(quizzes.get(0).get("attempts")).isEqualTo(3);
    assertThat(quizzes.get(0).get("score")).isEqualTo(8);
    assertThat(Tutorials.progressRows(student.id(), second)).isEqualTo(1);
    assertThat(Tutorials.chapterRows(student.id(), third)).hasSize(1);
    // A record with no chapter and no quiz (a cached default object) is accepted, stores nothing.
    assertThat(Tutorials.progressRows(student.id(), opened)).isZero();
    assertThat(Tutorials.progressRows(student.id(), bad)).isZero();

    Reply read = Api.get(API + "/" + first, student.accessToken()).expect(200);
    assertThat(read.text("lastWatchedAt")).isEqualTo("2026-01-19T12:30:00Z");
    assertThat(read.json().path("quizScores").get(0).path("completedAt").asText())
        .isEqualTo("2026-01-19T12:00:00Z");
  }

  @Test
  void sendingTheSameBatchTwiceChangesNothing() {
    Accounts.Session student = Accounts.student();
    String first = Tutorials.freshTutorial("replay-a");
    String second = Tutorials.freshTutorial("replay-b");
    String batch =
        "{\"userId\": null, \"records\": ["
            + browserRecord(first, "anonymous", TWO_CHAPTERS, ONE_QUIZ)
            + ", "
            + browserRecord(second, "anonymous", TWO_CHAPTERS, ONE_QUIZ)
            + "]}";

    Reply once = Api.post(API + "/import", batch, student.accessToken()).expect(200);
    assertThat(once.json().path("migrated").asInt()).isEqualTo(2);
    assertThat(once.json().path("failed").asInt()).isZero();
    assertThat(once.json().path("errors")).isEmpty();
    List<Map<String, Object>> stored = everything(student.id());
    assertThat(stored).hasSize(2 + 4 + 2);

    Reply twice = Api.post(SEED + "/import", batch, student.accessToken()).expect(200);

    assertThat(twice.json()).isEqualTo(once.json());
    assertThat(everything(student.id()))
        .as("every row, including updated_at, is unchanged")
        .isEqualTo(stored);
    assertThat(Tutorials.quizRows(student.id(), first).get(0).get("attempts"))
        .as("attempts are not counted twice")
        .isEqualTo(3);
  }

  @Test
  void importMergesWithWhatTheServerAlreadyHas() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("merge-import");
    String token = student.accessToken();
    String base = SEED + "/" + tutorial;
    Api.post(
            base + "/chapter",
            "{\"chapterId\": \"chapter-1\", \"watchTime\": 500, \"completed\": false,"
                + " \"lastPosition\": 480, \"totalChapters\": 6}",
            token)
        .expect(200);
    Api.post(
            base + "/chapter",
            "{\"chapterId\": \"chapter-2\", \"watchTime\": 50, \"completed\": true}",
            token)
        .expect(200);
    Api.post(base + "/quiz", "{\"quizId\": \"quiz-1\", \"score\": 5, \"maxScore\": 10}", token)
        .expect(200);
    Api.post(base + "/quiz", "{\"quizId\": \"quiz-1\", \"score\": 4, \"maxScore\": 10}", token)
        .expect(200);

    // The browser: chapter-1 completed but watched less, chapter-2 watched more but not
    // completed, a better quiz score with fewer attempts.
    Reply reply =
        Api.post(
                base.replace(tutorial, "import"),
                "["
                    + browserRecord(
                        tutorial,
                        "anonymous",
                        "{\"chapterId\": \"chapter-1\", \"watchTime\": 300, \"completed\": true,"
                            + " \"lastPosition\": 300},"
                            + " {\"chapterId\": \"chapter-2\", \"watchTime\": 90, \"completed\":"
                            + " false, \"lastPosition\": 85}",
                        "{\"quizId\": \"quiz-1\", \"score\": 9, \"maxScore\": 10, \"passed\":"
                            + " true, \"attempts\": 1}")
                    + "]",
                token)
            .expect(200);
    assertThat(reply.json().path("migrated").asInt()).isEqualTo(1);

    Reply read = Api.get(base, token).expect(200);
    JsonNode chapters = read.json().path("chapterProgress");
    assertThat(chapters.get(0).path("watchTime").asInt()).isEqualTo(500);
    assertThat(chapters.get(0).path("lastPosition").asInt()).isEqualTo(480);
    assertThat(chapters.get(0).path("completed").asBoolean()).isTrue();
    assertThat(chapters.get(1).path("watchTime").asInt()).isEqualTo(90);
    assertThat(chapters.get(1).path("lastPosition").asInt()).isEqualTo(85);
    assertThat(chapters.get(1).path("completed").asBoolean()).isTrue();
    JsonNode quiz = read.json().path("quizScores").get(0);
    assertThat(quiz.path("score").asInt()).isEqualTo(9);
    assertThat(quiz.path("passed").asBoolean()).isTrue();
    assertThat(quiz.path("attempts").asInt()).isEqualTo(2);
    assertThat(read.json().path("totalChapters").asInt()).isEqualTo(6);
    assertThat(read.json().path("chaptersCompleted").asInt()).isEqualTo(2);
    assertThat(read.json().path("totalWatchTime").asInt()).isEqualTo(590);
    assertThat(read.json().path("certificateEarned").asBoolean()).isFalse();
  }

  @Test
  void theBatchItselfMustBeValid() {
    Accounts.Session student = Accounts.student();
    Accounts.Session other = Accounts.student();
    String token = student.accessToken();
    String path = SEED + "/import";

    Api.post(path, "{not json", token).expectProblem(400, "request.malformed-json");
    Api.post(path, "", token).expectProblem(400, "request.invalid");
    Api.post(path, "{\"tutorialId\": \"x\"}", token).expectProblem(400, "request.invalid");
    Api.post(path, "\"text\"", token).expectProblem(400, "request.invalid");
    Api.post(path, "{\"records\": [], \"userId\": 5}", token)
        .expectProblem(400, "request.malformed-json");
    Api.post(path, "{\"records\": [], \"userId\": \"" + other.id() + "\"}", token)
        .expectProblem(403, "auth.not-owner");

    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 501; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"tutorialId\": \"t").append(i).append("\"}");
    }
    Api.post(path, tooMany.append("]").toString(), token)
        .expectProblem(413, "tutorials.import-too-large");
    assertThat(
            Db.count(
                "select count(*) from tutorials.tutorial_progress where user_id = ?", student.id()))
        .isZero();

    Reply empty = Api.post(path, "[]", token).expect(200);
    assertThat(empty.json().path("migrated").asInt()).isZero();
    assertThat(empty.json().path("failed").asInt()).isZero();
    assertThat(empty.json().path("errors").isArray()).isTrue();
  }
}
