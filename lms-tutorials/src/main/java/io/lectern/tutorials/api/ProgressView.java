package io.lectern.tutorials.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One user's progress in one tutorial, with the derived totals as stored. Watch times and positions
 * are whole seconds.
 */
public record ProgressView(
    String tutorialId,
    UUID userId,
    int completionPercentage,
    int chaptersCompleted,
    int totalChapters,
    List<ChapterView> chapterProgress,
    List<QuizScoreView> quizScores,
    boolean certificateEligible,
    boolean certificateEarned,
    long totalWatchTime,
    Instant lastWatchedAt) {

  public ProgressView {
    chapterProgress = List.copyOf(chapterProgress);
    quizScores = List.copyOf(quizScores);
  }

  /** What a user who has not started the tutorial sees: nothing done, nothing known. */
  public static ProgressView notStarted(String tutorialId, UUID userId) {
    return new ProgressView(
        tutorialId, userId, 0, 0, 0, List.of(), List.of(), false, false, 0, null);
  }

  public record ChapterView(String chapterId, int watchTime, boolean completed, int lastPosition) {}

  public record QuizScoreView(
      String quizId, int score, int maxScore, boolean passed, int attempts, Instant completedAt) {}
}
