package io.lectern.tutorials.internal;

import static io.lectern.shared.persistence.Columns.date;
import static io.lectern.shared.persistence.Columns.doubleValue;
import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.integerOrNull;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.single;
import static io.lectern.shared.persistence.Columns.uuid;

import io.lectern.shared.persistence.Columns;
import io.lectern.tutorials.api.ProgressView.ChapterView;
import io.lectern.tutorials.api.ProgressView.QuizScoreView;
import io.lectern.tutorials.api.TutorialCertificateView;
import io.lectern.tutorials.api.TutorialStatistics.DailyCertificates;
import io.lectern.tutorials.api.TutorialStatistics.ProgressAnomaly;
import io.lectern.tutorials.api.TutorialStatistics.TutorialActivity;
import io.lectern.tutorials.internal.TutorialProgressRules.Totals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tutorial tables, in native SQL: every write is an {@code INSERT ... ON CONFLICT} upsert on
 * the seed's unique keys whose merge rule (larger watch time, completion never undone, best score,
 * attempts + 1) runs inside PostgreSQL, so no counter is ever read, changed in Java and written
 * back. Callers lock the progress row first ({@link #lockOrCreate}) so that all writes for one user
 * and tutorial, and the totals derived from them, happen one transaction after another.
 *
 * <p>A quiz score is better than another when it is a larger share of its maximum, compared by
 * cross-multiplication in {@code bigint}: {@code new.score * old.max_score > old.score *
 * new.max_score}.
 */
@ApplicationScoped
public class TutorialProgressRepository {

  private static final String SELECT_PROGRESS =
      """
      SELECT id, tutorial_id, user_id, completion_percentage, chapters_completed, total_chapters,
             certificate_eligible, certificate_earned, total_watch_time, last_watched_at
      FROM tutorials.tutorial_progress
      WHERE tutorial_id = :tutorial
        AND user_id = :user
      """;

  private static final String SELECT_PROGRESS_FOR_UPDATE =
      """
      SELECT id, tutorial_id, user_id, completion_percentage, chapters_completed, total_chapters,
             certificate_eligible, certificate_earned, total_watch_time, last_watched_at
      FROM tutorials.tutorial_progress
      WHERE tutorial_id = :tutorial
        AND user_id = :user
      FOR UPDATE
      """;

  private static final String INSERT_PROGRESS =
      """
      INSERT INTO tutorials.tutorial_progress (tutorial_id, user_id, created_at, updated_at)
      VALUES (:tutorial, :user, :now, :now)
      ON CONFLICT (tutorial_id, user_id) DO NOTHING
      """;

  private static final String RECORD_CHAPTER =
      """
      INSERT INTO tutorials.chapter_progress AS c
        (progress_id, chapter_id, watch_time, completed, last_position, created_at, updated_at)
      VALUES (:progress, :chapter, :watch, :completed, :position, :now, :now)
      ON CONFLICT (progress_id, chapter_id) DO UPDATE
      SET watch_time = GREATEST(c.watch_time, EXCLUDED.watch_time),
          completed = c.completed OR EXCLUDED.completed,
          last_position = EXCLUDED.last_position,
          updated_at = EXCLUDED.updated_at
      """;

  private static final String MERGE_CHAPTER =
      """
      INSERT INTO tutorials.chapter_progress AS c
        (progress_id, chapter_id, watch_time, completed, last_position, created_at, updated_at)
      VALUES (:progress, :chapter, :watch, :completed, :position, :now, :now)
      ON CONFLICT (progress_id, chapter_id) DO UPDATE
      SET watch_time = GREATEST(c.watch_time, EXCLUDED.watch_time),
          completed = c.completed OR EXCLUDED.completed,
          last_position = CASE WHEN EXCLUDED.watch_time > c.watch_time
                               THEN EXCLUDED.last_position
                               ELSE c.last_position END,
          updated_at = EXCLUDED.updated_at
      WHERE EXCLUDED.watch_time > c.watch_time
         OR (EXCLUDED.completed AND NOT c.completed)
      """;

  private static final String RECORD_QUIZ_ATTEMPT =
      """
      INSERT INTO tutorials.quiz_scores AS q
        (progress_id, quiz_id, score, max_score, passed, attempts, completed_at, created_at,
         updated_at)
      VALUES (:progress, :quiz, :score, :max, :passed, 1, :now, :now, :now)
      ON CONFLICT (progress_id, quiz_id) DO UPDATE
      SET score = CASE WHEN CAST(EXCLUDED.score AS bigint) * q.max_score
                            > CAST(q.score AS bigint) * EXCLUDED.max_score
                       THEN EXCLUDED.score
                       ELSE q.score END,
          max_score = CASE WHEN CAST(EXCLUDED.score AS bigint) * q.max_score
                                > CAST(q.score AS bigint) * EXCLUDED.max_score
                           THEN EXCLUDED.max_score
                           ELSE q.max_score END,
          passed = q.passed OR EXCLUDED.passed,
          attempts = q.attempts + 1,
          completed_at = EXCLUDED.completed_at,
          updated_at = EXCLUDED.updated_at
      """;

  private static final String MERGE_QUIZ =
      """
      INSERT INTO tutorials.quiz_scores AS q
        (progress_id, quiz_id, score, max_score, passed, attempts, completed_at, created_at,
         updated_at)
      VALUES (:progress, :quiz, :score, :max, :passed, :attempts,
              COALESCE(CAST(:completedAt AS timestamptz), :now), :now, :now)
      ON CONFLICT (progress_id, quiz_id) DO UPDATE
      SET score = CASE WHEN CAST(EXCLUDED.score AS bigint) * q.max_score
                            > CAST(q.score AS bigint) * EXCLUDED.max_score
                       THEN EXCLUDED.score
                       ELSE q.score END,
          max_score = CASE WHEN CAST(EXCLUDED.score AS bigint) * q.max_score
                                > CAST(q.score AS bigint) * EXCLUDED.max_score
                           THEN EXCLUDED.max_score
                           ELSE q.max_score END,
          passed = q.passed OR EXCLUDED.passed,
          attempts = GREATEST(q.attempts, EXCLUDED.attempts),
          updated_at = EXCLUDED.updated_at
      WHERE CAST(EXCLUDED.score AS bigint) * q.max_score
            > CAST(q.score AS bigint) * EXCLUDED.max_score
         OR (EXCLUDED.passed AND NOT q.passed)
         OR EXCLUDED.attempts > q.attempts
      """;

  private static final String COUNTS =
      """
      SELECT
        (SELECT COUNT(*) FROM tutorials.chapter_progress
         WHERE progress_id = :p) AS chapters,
        (SELECT COUNT(*) FROM tutorials.chapter_progress
         WHERE progress_id = :p AND completed) AS completed_chapters,
        (SELECT COALESCE(SUM(watch_time), 0) FROM tutorials.chapter_progress
         WHERE progress_id = :p) AS watch_time,
        (SELECT COUNT(*) FROM tutorials.quiz_scores
         WHERE progress_id = :p) AS quizzes,
        (SELECT COUNT(*) FROM tutorials.quiz_scores
         WHERE progress_id = :p AND passed) AS passed_quizzes
      """;

  /**
   * Writes the totals and moves {@code last_watched_at} forward; unless {@code :force}, only when a
   * value changes.
   */
  private static final String SAVE_TOTALS =
      """
      UPDATE tutorials.tutorial_progress
      SET total_chapters = :total,
          chapters_completed = :completed,
          total_watch_time = :watch,
          completion_percentage = :percentage,
          certificate_eligible = :eligible,
          last_watched_at = GREATEST(last_watched_at, CAST(:watched AS timestamptz)),
          updated_at = :now
      WHERE id = :id
        AND (CAST(:force AS boolean)
             OR (total_chapters, chapters_completed, total_watch_time, completion_percentage,
                 certificate_eligible, last_watched_at)
                IS DISTINCT FROM
                (:total, :completed, :watch, :percentage,
                 :eligible, GREATEST(last_watched_at, CAST(:watched AS timestamptz))))
      RETURNING id, tutorial_id, user_id, completion_percentage, chapters_completed,
                total_chapters, certificate_eligible, certificate_earned, total_watch_time,
                last_watched_at
      """;

  private static final String MARK_EARNED =
      """
      UPDATE tutorials.tutorial_progress
      SET certificate_earned = true,
          certificate_eligible = true,
          completion_percentage = 100,
          updated_at = :now
      WHERE id = :id
      """;

  private static final String ISSUE_CERTIFICATE =
      """
      INSERT INTO tutorials.tutorial_certificates
        (progress_id, certificate_id, user_name, tutorial_title, difficulty, duration, issued_at,
         created_at)
      VALUES (:progress, :certificate, :userName, :title, :difficulty, :duration, :now, :now)
      ON CONFLICT (progress_id) DO NOTHING
      """;

  private static final String CERTIFICATE =
      """
      SELECT c.certificate_id, p.tutorial_id, p.user_id, c.user_name, c.tutorial_title,
             c.difficulty, c.duration, c.issued_at
      FROM tutorials.tutorial_certificates c
      JOIN tutorials.tutorial_progress p ON p.id = c.progress_id
      WHERE p.tutorial_id = :tutorial
        AND p.user_id = :user
      """;

  private static final String DELETE_PROGRESS =
      """
      DELETE FROM tutorials.tutorial_progress
      WHERE tutorial_id = :tutorial
        AND user_id = :user
      """;

  private static final String CHAPTERS =
      """
      SELECT chapter_id, watch_time, completed, last_position
      FROM tutorials.chapter_progress
      WHERE progress_id = :p
      ORDER BY created_at, chapter_id
      """;

  private static final String QUIZZES =
      """
      SELECT quiz_id, score, max_score, passed, attempts, completed_at
      FROM tutorials.quiz_scores
      WHERE progress_id = :p
      ORDER BY created_at, quiz_id
      """;

  /** (tutorial_id, user_id) is unique, so COUNT(*) counts distinct users. */
  private static final String ACTIVITY_SINCE =
      """
      SELECT tutorial_id,
             COUNT(*) AS active_users,
             ROUND(AVG(completion_percentage), 1) AS average_completion
      FROM tutorials.tutorial_progress
      WHERE last_watched_at >= :since
      GROUP BY tutorial_id
      ORDER BY COUNT(*) DESC, tutorial_id
      LIMIT :limit
      """;

  private static final String CERTIFICATES_PER_DAY_SINCE =
      """
      SELECT CAST(timezone('UTC', issued_at) AS date) AS day,
             COUNT(*) AS certificates
      FROM tutorials.tutorial_certificates
      WHERE issued_at >= :since
      GROUP BY day
      ORDER BY day
      """;

  /** The data rules a progress row breaks: see {@link TutorialProgressRules#anomalies}. */
  private static final String COUNT_ANOMALIES =
      """
      SELECT COUNT(*) AS anomalies
      FROM tutorials.tutorial_progress
      WHERE completion_percentage < 0 OR completion_percentage > 100
         OR chapters_completed > total_chapters OR total_watch_time < 0
      """;

  private static final String ANOMALIES =
      """
      SELECT id, tutorial_id, user_id, completion_percentage, chapters_completed, total_chapters,
             total_watch_time
      FROM tutorials.tutorial_progress
      WHERE completion_percentage < 0 OR completion_percentage > 100
         OR chapters_completed > total_chapters OR total_watch_time < 0
      ORDER BY tutorial_id, user_id
      LIMIT :size OFFSET :offset
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /** One row of {@code tutorial_progress}. */
  public record ProgressRow(
      UUID id,
      String tutorialId,
      UUID userId,
      int completionPercentage,
      int chaptersCompleted,
      int totalChapters,
      boolean certificateEligible,
      boolean certificateEarned,
      long totalWatchTime,
      Instant lastWatchedAt) {

    static ProgressRow from(Tuple row) {
      return new ProgressRow(
          uuid(row, "id"),
          row.get("tutorial_id", String.class),
          uuid(row, "user_id"),
          intValue(row, "completion_percentage"),
          intValue(row, "chapters_completed"),
          intValue(row, "total_chapters"),
          Boolean.TRUE.equals(row.get("certificate_eligible")),
          Boolean.TRUE.equals(row.get("certificate_earned")),
          longValue(row, "total_watch_time"),
          instant(row, "last_watched_at"));
    }
  }

  /** What the derived totals are computed from. */
  public record Counts(
      int chapters, int completedChapters, long watchTime, int quizzes, int passedQuizzes) {}

  public Optional<ProgressRow> find(UUID userId, String tutorialId) {
    return selectProgress(SELECT_PROGRESS, userId, tutorialId);
  }

  /** The progress row, locked until the transaction ends. */
  public Optional<ProgressRow> lock(UUID userId, String tutorialId) {
    return selectProgress(SELECT_PROGRESS_FOR_UPDATE, userId, tutorialId);
  }

  /**
   * Locks the progress row, creating it first if there is none (concurrent creators meet on the
   * unique key and all but one do nothing). Retries when a concurrent reset deleted it in between.
   */
  public ProgressRow lockOrCreate(UUID userId, String tutorialId, Instant now) {
    Optional<ProgressRow> existing = lock(userId, tutorialId);
    if (existing.isPresent()) {
      return existing.get(); // the usual case: one statement
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      Query insert = em.createNativeQuery(INSERT_PROGRESS);
      insert.setParameter("tutorial", tutorialId);
      insert.setParameter("user", userId);
      insert.setParameter("now", time(now));
      insert.executeUpdate();
      Optional<ProgressRow> row = lock(userId, tutorialId);
      if (row.isPresent()) {
        return row.get();
      }
    }
    throw new IllegalStateException("The progress row kept disappearing while being created");
  }

  /** A live chapter report: larger watch time, completion never undone, the new position. */
  public void recordChapter(UUID progressId, ChapterState chapter, Instant now) {
    bindChapter(em.createNativeQuery(RECORD_CHAPTER), progressId, chapter, now).executeUpdate();
  }

  /**
   * Browser-stored chapter progress, merged as {@link ChapterState#mergeImported}: the row is only
   * written when the import adds something, so a replay changes nothing.
   */
  public void mergeChapter(UUID progressId, ChapterState chapter, Instant now) {
    bindChapter(em.createNativeQuery(MERGE_CHAPTER), progressId, chapter, now).executeUpdate();
  }

  /** A live quiz attempt: attempts + 1, best score kept, passed once passed, completed now. */
  public void recordQuizAttempt(UUID progressId, QuizState quiz, Instant now) {
    Query upsert = em.createNativeQuery(RECORD_QUIZ_ATTEMPT);
    upsert.setParameter("progress", progressId);
    upsert.setParameter("quiz", quiz.quizId());
    upsert.setParameter("score", quiz.score());
    upsert.setParameter("max", quiz.maxScore());
    upsert.setParameter("passed", quiz.passed());
    upsert.setParameter("now", time(now));
    upsert.executeUpdate();
  }

  /**
   * A browser-stored quiz result, merged as {@link QuizState#mergeImported}: attempts become the
   * larger count, not a sum, and the row is only written when the import adds something.
   */
  public void mergeQuiz(UUID progressId, QuizState quiz, Instant now) {
    Query upsert = em.createNativeQuery(MERGE_QUIZ);
    upsert.setParameter("progress", progressId);
    upsert.setParameter("quiz", quiz.quizId());
    upsert.setParameter("score", quiz.score());
    upsert.setParameter("max", quiz.maxScore());
    upsert.setParameter("passed", quiz.passed());
    upsert.setParameter("attempts", quiz.attempts());
    typed(upsert, "completedAt", time(quiz.completedAt()), OffsetDateTime.class);
    upsert.setParameter("now", time(now));
    upsert.executeUpdate();
  }

  public Counts counts(UUID progressId) {
    Tuple row = single(tuples(COUNTS).setParameter("p", progressId));
    return new Counts(
        intValue(row, "chapters"),
        intValue(row, "completed_chapters"),
        longValue(row, "watch_time"),
        intValue(row, "quizzes"),
        intValue(row, "passed_quizzes"));
  }

  /**
   * Stores the derived totals and moves {@code last_watched_at} forward to {@code watchedAt} (null
   * keeps it). Unless {@code force}, the row is only written when a value changes. Returns the row
   * as written, empty when nothing was written.
   */
  public Optional<ProgressRow> saveTotals(
      UUID progressId, Totals totals, Instant watchedAt, Instant now, boolean force) {
    Query update = tuples(SAVE_TOTALS);
    update.setParameter("id", progressId);
    update.setParameter("total", totals.totalChapters());
    update.setParameter("completed", totals.chaptersCompleted());
    update.setParameter("watch", totals.totalWatchTime());
    update.setParameter("percentage", totals.completionPercentage());
    update.setParameter("eligible", totals.certificateEligible());
    typed(update, "watched", time(watchedAt), OffsetDateTime.class);
    update.setParameter("now", time(now));
    update.setParameter("force", force);
    return rows(update).stream().findFirst().map(ProgressRow::from);
  }

  public void markEarned(UUID progressId, Instant now) {
    Query update = em.createNativeQuery(MARK_EARNED);
    update.setParameter("id", progressId);
    update.setParameter("now", time(now));
    update.executeUpdate();
  }

  /** Issues the certificate of a progress record unless it has one. */
  public void issueCertificate(
      UUID progressId,
      String certificateId,
      String userName,
      String tutorialTitle,
      String difficulty,
      Integer durationMinutes,
      Instant now) {
    Query insert = em.createNativeQuery(ISSUE_CERTIFICATE);
    insert.setParameter("progress", progressId);
    insert.setParameter("certificate", certificateId);
    insert.setParameter("userName", userName);
    insert.setParameter("title", tutorialTitle);
    typed(insert, "difficulty", difficulty, String.class);
    typed(insert, "duration", durationMinutes, Integer.class);
    insert.setParameter("now", time(now));
    insert.executeUpdate();
  }

  public Optional<TutorialCertificateView> certificate(UUID userId, String tutorialId) {
    return rows(
            tuples(CERTIFICATE).setParameter("tutorial", tutorialId).setParameter("user", userId))
        .stream()
        .findFirst()
        .map(
            row ->
                new TutorialCertificateView(
                    row.get("certificate_id", String.class),
                    row.get("tutorial_id", String.class),
                    uuid(row, "user_id"),
                    row.get("user_name", String.class),
                    row.get("tutorial_title", String.class),
                    row.get("difficulty", String.class),
                    integerOrNull(row, "duration"),
                    instant(row, "issued_at")));
  }

  /** Deletes the progress record; chapters, quizzes and the certificate go with it. */
  public void delete(UUID userId, String tutorialId) {
    Query delete = em.createNativeQuery(DELETE_PROGRESS);
    delete.setParameter("tutorial", tutorialId);
    delete.setParameter("user", userId);
    delete.executeUpdate();
  }

  /** Chapters in the order they were first reported. */
  public List<ChapterView> chapters(UUID progressId) {
    return rows(tuples(CHAPTERS).setParameter("p", progressId)).stream()
        .map(
            row ->
                new ChapterView(
                    row.get("chapter_id", String.class),
                    intValue(row, "watch_time"),
                    Boolean.TRUE.equals(row.get("completed")),
                    intValue(row, "last_position")))
        .toList();
  }

  /** Quiz results in the order they were first reported. */
  public List<QuizScoreView> quizzes(UUID progressId) {
    return rows(tuples(QUIZZES).setParameter("p", progressId)).stream()
        .map(
            row ->
                new QuizScoreView(
                    row.get("quiz_id", String.class),
                    intValue(row, "score"),
                    intValue(row, "max_score"),
                    Boolean.TRUE.equals(row.get("passed")),
                    intValue(row, "attempts"),
                    instant(row, "completed_at")))
        .toList();
  }

  /** Per tutorial: users who watched since {@code since} and their average completion. */
  public List<TutorialActivity> activitySince(Instant since, int limit) {
    return rows(
            tuples(ACTIVITY_SINCE).setParameter("since", time(since)).setParameter("limit", limit))
        .stream()
        .map(
            row ->
                new TutorialActivity(
                    row.get("tutorial_id", String.class),
                    longValue(row, "active_users"),
                    doubleValue(row, "average_completion")))
        .toList();
  }

  /** Certificates issued since {@code since}, per UTC day, oldest day first. */
  public List<DailyCertificates> certificatesPerDaySince(Instant since) {
    return rows(tuples(CERTIFICATES_PER_DAY_SINCE).setParameter("since", time(since))).stream()
        .map(row -> new DailyCertificates(date(row, "day"), longValue(row, "certificates")))
        .toList();
  }

  public long countAnomalies() {
    return longValue(single(tuples(COUNT_ANOMALIES)), "anomalies");
  }

  public List<ProgressAnomaly> anomalies(int offset, int size) {
    return rows(tuples(ANOMALIES).setParameter("size", size).setParameter("offset", offset))
        .stream()
        .map(
            row -> {
              int percentage = intValue(row, "completion_percentage");
              int completed = intValue(row, "chapters_completed");
              int total = intValue(row, "total_chapters");
              long watchTime = longValue(row, "total_watch_time");
              return new ProgressAnomaly(
                  uuid(row, "id"),
                  row.get("tutorial_id", String.class),
                  uuid(row, "user_id"),
                  percentage,
                  completed,
                  total,
                  watchTime,
                  TutorialProgressRules.anomalies(percentage, completed, total, watchTime));
            })
        .toList();
  }

  private Optional<ProgressRow> selectProgress(String sql, UUID userId, String tutorialId) {
    return rows(tuples(sql).setParameter("tutorial", tutorialId).setParameter("user", userId))
        .stream()
        .findFirst()
        .map(ProgressRow::from);
  }

  private static Query bindChapter(
      Query upsert, UUID progressId, ChapterState chapter, Instant now) {
    upsert.setParameter("progress", progressId);
    upsert.setParameter("chapter", chapter.chapterId());
    upsert.setParameter("watch", chapter.watchTime());
    upsert.setParameter("completed", chapter.completed());
    upsert.setParameter("position", chapter.lastPosition());
    upsert.setParameter("now", time(now));
    return upsert;
  }

  private Query tuples(String sql) {
    return Columns.tupleQuery(em, sql);
  }

  /** Binds a value that may be null with its type, which an untyped null would not carry. */
  @SuppressWarnings("unchecked")
  private static <T> void typed(Query query, String name, T value, Class<T> type) {
    query.unwrap(org.hibernate.query.Query.class).setParameter(name, value, type);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
