package io.lectern.tutorials.internal;

import io.lectern.tutorials.internal.InputRules.ImportedProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.UUID;

/**
 * Merges one validated browser record into the stored progress, in a transaction of its own so that
 * a failing record leaves the others of its batch alone. Only writes what the record adds: a
 * replayed record changes no row.
 */
@ApplicationScoped
public class BrowserProgressMerger {

  @Inject TutorialProgressRepository progress;
  @Inject ProgressTotals totals;

  @Transactional(TxType.REQUIRES_NEW)
  public void merge(UUID userId, ImportedProgress record, Instant now) {
    if (record.chapters().isEmpty() && record.quizzes().isEmpty()) {
      // Browsers also cache the default object of tutorials merely opened: nothing to keep.
      return;
    }
    var row = progress.lockOrCreate(userId, record.tutorialId(), now);
    for (ChapterState chapter : record.chapters()) {
      progress.mergeChapter(row.id(), chapter, now);
    }
    for (QuizState quiz : record.quizzes()) {
      progress.mergeQuiz(row.id(), quiz, now);
    }
    totals.recompute(row, record.totalChapters(), record.lastWatchedAt(), now, false);
  }
}
