package io.lectern.tutorials.internal;

import java.time.Instant;

/** A quiz's best result as stored: whole points; {@code completedAt} null means "now". */
public record QuizState(
    String quizId, int score, int maxScore, boolean passed, int attempts, Instant completedAt) {

  /**
   * Whether this result is better than the other: a larger share of the maximum (compared exactly,
   * by cross-multiplication, so that 8/10 and 4/5 tie).
   */
  public boolean betterThan(int otherScore, int otherMaxScore) {
    return (long) score * otherMaxScore > (long) otherScore * maxScore;
  }

  /**
   * Merges browser-stored results for the same quiz idempotently: the best score (with its
   * maximum), passed if either passed, the larger attempt count (so resending a batch does not
   * count attempts twice) and this record's completion time. {@code
   * TutorialProgressRepository.mergeQuiz} does the same in SQL.
   */
  public QuizState mergeImported(QuizState imported) {
    boolean better = imported.betterThan(score, maxScore);
    return new QuizState(
        quizId,
        better ? imported.score : score,
        better ? imported.maxScore : maxScore,
        passed || imported.passed,
        Math.max(attempts, imported.attempts),
        completedAt != null ? completedAt : imported.completedAt);
  }
}
