package io.lectern.tutorials.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.tutorials.internal.TutorialProgressRepository.Counts;
import io.lectern.tutorials.internal.TutorialProgressRepository.ProgressRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Recomputes a progress record's totals from its chapters and quizzes, in the transaction that
 * changed them and under the progress row's lock, so totals always match the rows they sum.
 */
@ApplicationScoped
public class ProgressTotals {

  @Inject TutorialProgressRepository progress;

  /**
   * @param requestedTotalChapters what the client says the tutorial has, or null
   * @param watchedAt moves last_watched_at forward to this time; null keeps it
   * @param force write even when no value changes (live updates always touch the record)
   * @return the record as written; empty when nothing changed and {@code force} was false
   */
  public Optional<ProgressRow> recompute(
      ProgressRow row,
      Integer requestedTotalChapters,
      Instant watchedAt,
      Instant now,
      boolean force) {
    Counts counts = progress.counts(row.id());
    if (counts.chapters() > InputRules.MAX_TOTAL_CHAPTERS) {
      throw LmsException.businessRule(
          "tutorials.too-many-chapters",
          "A tutorial can track at most " + InputRules.MAX_TOTAL_CHAPTERS + " chapters.");
    }
    if (counts.quizzes() > InputRules.MAX_QUIZZES) {
      throw LmsException.businessRule(
          "tutorials.too-many-quizzes",
          "A tutorial can track at most " + InputRules.MAX_QUIZZES + " quizzes.");
    }
    var derived =
        TutorialProgressRules.derive(
            row.totalChapters(),
            requestedTotalChapters,
            counts.chapters(),
            counts.completedChapters(),
            counts.watchTime(),
            counts.quizzes(),
            counts.passedQuizzes(),
            row.certificateEarned());
    return progress.saveTotals(row.id(), derived, watchedAt, now, force);
  }
}
