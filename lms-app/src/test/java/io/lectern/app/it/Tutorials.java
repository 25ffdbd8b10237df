package io.lectern.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Helpers for the tutorial progress tests: the two prefixes, fresh ids, database reads. */
final class Tutorials {

  /** Where the existing web front end calls the API (the seed's path). */
  static final String SEED = "/v1/tutorials/progress";

  /** The same API under the LMS prefix. */
  static final String API = "/api/v1/tutorials/progress";

  static final List<String> PROGRESS_FIELDS =
      List.of(
          "tutorialId",
          "userId",
          "completionPercentage",
          "chaptersCompleted",
          "totalChapters",
          "chapterProgress",
          "quizScores",
          "certificateEligible",
          "certificateEarned",
          "totalWatchTime",
          "lastWatchedAt");

  private Tutorials() {}

  /** A tutorial id no other test uses. */
  static String freshTutorial(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Map<String, Object> progressRow(UUID userId, String tutorialId) {
    return Db.row(
        "select * from tutorials.tutorial_progress where user_id = ? and tutorial_id = ?",
        userId,
        tutorialId);
  }

  static long progressRows(UUID userId, String tutorialId) {
    return Db.count(
        "select count(*) from tutorials.tutorial_progress where user_id = ? and tutorial_id = ?",
        userId,
        tutorialId);
  }

  static List<Map<String, Object>> chapterRows(UUID userId, String tutorialId) {
    return Db.rows(
        "select c.* from tutorials.chapter_progress c join tutorials.tutorial_progress p"
            + " on p.id = c.progress_id where p.user_id = ? and p.tutorial_id = ?"
            + " order by c.chapter_id",
        userId,
        tutorialId);
  }

  static List<Map<String, Object>> quizRows(UUID userId, String tutorialId) {
    return Db.rows(
        "select q.* from tutorials.quiz_scores q join tutorials.tutorial_progress p"
            + " on p.id = q.progress_id where p.user_id = ? and p.tutorial_id = ?"
            + " order by q.quiz_id",
        userId,
        tutorialId);
  }

  static List<Map<String, Object>> certificateRows(UUID userId, String tutorialId) {
    return Db.rows(
        "select c.* from tutorials.tutorial_certificates c join tutorials.tutorial_progress p"
            + " on p.id = c.progress_id where p.user_id = ? and p.tutorial_id = ?",
        userId,
        tutorialId);
  }

  /**
   * Changes rows behind the application's back: only to simulate data that broke the rules before
   * this server owned it (the admin data checks must find it).
   */
  static int corrupt(String sql, Object... params) {
    try (Connection connection =
            DriverManager.getConnection(System.getProperty("lms.test.db-url"), "lms", "lms");
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A chapter update as the front end sends it. */
  static String chapterBody(
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

  /** The top-level field names of a JSON object, in order. */
  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
