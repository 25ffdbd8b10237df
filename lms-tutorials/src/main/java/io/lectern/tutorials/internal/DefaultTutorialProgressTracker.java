package io.lectern.tutorials.internal;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.tutorials.api.BrowserProgress;
import io.lectern.tutorials.api.CertificateDetails;
import io.lectern.tutorials.api.ChapterUpdate;
import io.lectern.tutorials.api.ImportReport;
import io.lectern.tutorials.api.ImportReport.ImportError;
import io.lectern.tutorials.api.ProgressView;
import io.lectern.tutorials.api.QuizResult;
import io.lectern.tutorials.api.TutorialCertificateView;
import io.lectern.tutorials.api.TutorialProgressTracker;
import io.lectern.tutorials.api.event.TutorialChapterRecorded;
import io.lectern.tutorials.api.event.TutorialCompletionRecorded;
import io.lectern.tutorials.api.event.TutorialQuizRecorded;
import io.lectern.tutorials.internal.InputRules.FieldProblem;
import io.lectern.tutorials.internal.InputRules.ImportedProgress;
import io.lectern.tutorials.internal.TutorialProgressRepository.ProgressRow;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

@ApplicationScoped
public class DefaultTutorialProgressTracker implements TutorialProgressTracker {

  private static final Logger LOG =
      Logger.getLogger(DefaultTutorialProgressTracker.class.getName());

  @Inject TutorialProgressRepository progress;
  @Inject ProgressTotals totals;
  @Inject BrowserProgressMerger merger;
  @Inject TutorialCertificateNumbers certificateNumbers;
  @Inject UserDirectory users;
  @Inject Clock clock;
  @Inject Event<TutorialChapterRecorded> chapterRecorded;
  @Inject Event<TutorialQuizRecorded> quizRecorded;
  @Inject Event<TutorialCompletionRecorded> completionRecorded;

  @Override
  @Transactional
  public ProgressView progress(UUID userId, String tutorialId) {
    requireTutorialId(tutorialId);
    return progress
        .find(userId, tutorialId)
        .map(this::view)
        .orElseGet(() -> ProgressView.notStarted(tutorialId, userId));
  }

  @Override
  @Transactional
  public ProgressView recordChapter(UUID userId, String tutorialId, ChapterUpdate update) {
    List<FieldProblem> problems = new ArrayList<>();
    InputRules.checkId("tutorialId", tutorialId, problems);
    InputRules.checkTotalChapters("totalChapters", update.totalChapters(), problems);
    ChapterState chapter =
        InputRules.chapter(
            "",
            update.chapterId(),
            update.watchTime(),
            update.completed(),
            update.lastPosition(),
            problems);
    InputRules.requireNone(problems);
    Instant now = now();
    ProgressRow row = progress.lockOrCreate(userId, tutorialId, now);
    progress.recordChapter(row.id(), chapter, now);
    ProgressView view =
        view(totals.recompute(row, update.totalChapters(), now, now, true).orElseThrow());
    chapterRecorded.fire(
        new TutorialChapterRecorded(
            userId,
            tutorialId,
            chapter.chapterId(),
            chapter.completed(),
            view.completionPercentage(),
            now));
    return view;
  }

  @Override
  @Transactional
  public ProgressView recordQuiz(UUID userId, String tutorialId, QuizResult result) {
    List<FieldProblem> problems = new ArrayList<>();
    InputRules.checkId("tutorialId", tutorialId, problems);
    QuizState quiz =
        InputRules.quiz(
            "",
            result.quizId(),
            result.score(),
            result.maxScore(),
            result.passed(),
            null,
            null,
            problems);
    InputRules.requireNone(problems);
    Instant now = now();
    ProgressRow row = progress.lockOrCreate(userId, tutorialId, now);
    progress.recordQuizAttempt(row.id(), quiz, now);
    quizRecorded.fire(
        new TutorialQuizRecorded(
            userId, tutorialId, quiz.quizId(), quiz.score(), quiz.maxScore(), quiz.passed(), now));
    return view(totals.recompute(row, null, null, now, true).orElseThrow());
  }

  @Override
  @Transactional
  public ProgressView complete(UUID userId, String tutorialId, CertificateDetails details) {
    requireTutorialId(tutorialId);
    ProgressRow row =
        progress
            .lock(userId, tutorialId)
            .orElseThrow(
                () ->
                    LmsException.notFound(
                        "tutorials.progress-not-found",
                        "There is no progress for tutorial '"
                            + tutorialId
                            + "' yet: watch a chapter first."));
    if (!row.certificateEarned()) {
      if (!row.certificateEligible()) {
        var counts = progress.counts(row.id());
        throw LmsException.conflict(
            "tutorials.not-eligible",
            TutorialProgressRules.ineligibility(
                row.completionPercentage(), counts.quizzes(), counts.passedQuizzes()));
      }
      CertificateDetails given = details == null ? CertificateDetails.NONE : details;
      String userName =
          users
              .find(userId)
              .map(UserView::fullName)
              .orElseThrow(
                  () -> LmsException.notFound("tutorials.user-not-found", "The user is unknown."));
      Instant now = now();
      String number = certificateNumbers.next();
      progress.issueCertificate(
          row.id(),
          number,
          userName,
          given.tutorialTitle() == null || given.tutorialTitle().isBlank()
              ? tutorialId
              : given.tutorialTitle().strip(),
          given.difficulty() == null || given.difficulty().isBlank()
              ? null
              : given.difficulty().strip(),
          given.durationMinutes(),
          now);
      progress.markEarned(row.id(), now);
      completionRecorded.fire(new TutorialCompletionRecorded(userId, tutorialId, number, now));
    }
    return current(userId, tutorialId);
  }

  @Override
  @Transactional
  public void reset(UUID userId, String tutorialId) {
    requireTutorialId(tutorialId);
    progress.delete(userId, tutorialId);
  }

  @Override
  @Transactional
  public Optional<TutorialCertificateView> certificate(UUID userId, String tutorialId) {
    requireTutorialId(tutorialId);
    return progress.certificate(userId, tutorialId);
  }

  /** Not transactional itself: each record is merged in its own transaction. */
  @Override
  public ImportReport importBrowserProgress(UUID userId, List<BrowserProgress> records) {
    if (records.size() > InputRules.MAX_IMPORT_RECORDS) {
      throw new LmsException(
          ErrorKind.PAYLOAD_TOO_LARGE,
          "tutorials.import-too-large",
          "A batch may hold at most " + InputRules.MAX_IMPORT_RECORDS + " progress records.");
    }
    int migrated = 0;
    List<ImportError> errors = new ArrayList<>();
    for (BrowserProgress record : records) {
      Instant now = now();
      List<FieldProblem> problems = new ArrayList<>();
      ImportedProgress imported = InputRules.imported(record, now, problems);
      if (imported == null) {
        errors.add(
            new ImportError(record.index(), record.tutorialId(), InputRules.describe(problems)));
        continue;
      }
      try {
        merger.merge(userId, imported, now);
        migrated++;
      } catch (LmsException e) {
        errors.add(new ImportError(record.index(), record.tutorialId(), e.detail()));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not import progress of tutorial " + record.tutorialId(), e);
        errors.add(
            new ImportError(
                record.index(),
                record.tutorialId(),
                "The record could not be stored; send it again later."));
      }
    }
    return new ImportReport(migrated, errors.size(), errors);
  }

  private ProgressView current(UUID userId, String tutorialId) {
    return progress
        .find(userId, tutorialId)
        .map(this::view)
        .orElseThrow(() -> new IllegalStateException("Progress vanished inside its transaction"));
  }

  private ProgressView view(ProgressRow row) {
    return new ProgressView(
        row.tutorialId(),
        row.userId(),
        row.completionPercentage(),
        row.chaptersCompleted(),
        row.totalChapters(),
        progress.chapters(row.id()),
        progress.quizzes(row.id()),
        row.certificateEligible(),
        row.certificateEarned(),
        row.totalWatchTime(),
        row.lastWatchedAt());
  }

  private static void requireTutorialId(String tutorialId) {
    List<FieldProblem> problems = new ArrayList<>();
    InputRules.checkId("tutorialId", tutorialId, problems);
    InputRules.requireNone(problems);
  }

  /** Millisecond precision: what clients parse from ISO strings and what round-trips exactly. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
