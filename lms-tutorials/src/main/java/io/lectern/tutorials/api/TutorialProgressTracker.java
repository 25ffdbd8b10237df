package io.lectern.tutorials.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tutorial progress of one user: reads, chapter and quiz updates, completion with a certificate,
 * reset, and merging in browser-stored progress. Callers decide whose progress may be touched; the
 * user id given here is trusted.
 *
 * <p>Updates never lose each other: concurrent calls for one user and tutorial serialise on the
 * progress row, and merges keep the larger watch time, the best quiz score and every completion.
 */
public interface TutorialProgressTracker {

  /** The stored progress, or {@link ProgressView#notStarted} when there is none. */
  ProgressView progress(UUID userId, String tutorialId);

  ProgressView recordChapter(UUID userId, String tutorialId, ChapterUpdate update);

  ProgressView recordQuiz(UUID userId, String tutorialId, QuizResult result);

  /**
   * Marks the tutorial complete and issues its certificate once; repeating it changes nothing.
   * Fails with 404 when there is no progress and 409 ({@code tutorials.not-eligible}) when the
   * progress does not qualify.
   */
  ProgressView complete(UUID userId, String tutorialId, CertificateDetails details);

  /**
   * Forgets chapters, quizzes and the certificate of the tutorial; harmless when there are none.
   */
  void reset(UUID userId, String tutorialId);

  Optional<TutorialCertificateView> certificate(UUID userId, String tutorialId);

  /**
   * Merges each record into the user's stored progress in its own transaction, so that one bad
   * record does not fail the others. Sending the same batch again changes nothing.
   */
  ImportReport importBrowserProgress(UUID userId, List<BrowserProgress> records);
}
