package io.lectern.tutorials.api;

import java.time.Instant;
import java.util.List;

/**
 * One progress object as a browser stored it (localStorage {@code tutorial_progress_<id>_<user>}),
 * with JSON types already checked but values not yet validated. Only the facts are taken from it:
 * chapters, quiz scores, the declared number of chapters and the last watch time; totals,
 * eligibility and certificates are derived on the server, never trusted from the browser.
 *
 * @param index the record's position in its batch, for error reports
 */
public record BrowserProgress(
    int index,
    String tutorialId,
    Integer totalChapters,
    List<Chapter> chapters,
    List<Quiz> quizzes,
    Instant lastWatchedAt) {

  public BrowserProgress {
    chapters = chapters == null ? List.of() : List.copyOf(chapters);
    quizzes = quizzes == null ? List.of() : List.copyOf(quizzes);
  }

  public record Chapter(
      String chapterId, Double watchTime, Boolean completed, Double lastPosition) {}

  public record Quiz(
      String quizId,
      Double score,
      Double maxScore,
      Boolean passed,
      Integer attempts,
      Instant completedAt) {}
}
