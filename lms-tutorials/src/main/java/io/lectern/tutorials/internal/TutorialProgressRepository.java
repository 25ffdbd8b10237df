package io.lectern.tutorials.internal;

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
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tutorial tables, in native SQL: every write is an {@code INSERT ... ON CONFLICT} upsert on
 * the seed's unique keys whose merge rule (larger watch time, completion never undone, best score,
 * attempts + 1) runs inside PostgreSQL, so no counter is ever read, changed in Java and written
 * back. Callers lock the progress row first ({@link #lockOrCreate}) so that all writes for one user
 * and tutorial, and the totals derived from them, happen one transaction after another.
 */
@ApplicationScoped
public class TutorialProgressRepository {

  private static final String PROGRESS_COLUMNS =
      "id, tutorial_id, user_id, completion_percentage, chapters_completed, total_chapters,"
          + " certificate_eligible, certificate_earned, total_watch_time, last_watched_at";

  private static final String BETTER_SCORE =
      "CAST(EXCLUDED.score AS bigint) * q.max_score > CAST(q.score AS bigint) * EXCLUDED.max_score";

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
      Instant lastWatchedAt) {}

  /** What the derived totals are computed from. */
  public record Counts(
      int chapters, int completedChapters, long watchTime, int quizzes, int passedQuizzes) {}

  public Optional<ProgressRow> find(UUID userId, String tutorialId) {
    return selectProgress(userId, tutorialId, "");
  }

  /** The progress row, locked until the transaction ends. */
  public Optional<ProgressRow> lock(UUID userId, String tutorialId) {
    return selectProgress(userId, tutorialId, " FOR UPDATE");
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
      Query insert =
          em.createNativeQuery(
              "INSERT INTO tutorials.tutorial_progress (tutorial_id, user_id, created_at,"
                  + " updated_at) VALUES (:tutorial, :user, :now, :now)"
                  + " ON CONFLICT (tutorial_id, user_id) DO NOTHING");
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
    Query upsert =
        em.createNativeQuery(
            "INSERT INTO tutorials.chapter_progress AS c (progress_id, chapter_id, watch_time,"
                + " completed, last_position, created_at, updated_at)"
                + " VALUES (:progress, :chapter, :watch, :completed, :position, :now, :now)"
                + " ON CONFLICT (progress_id, chapter_id) DO UPDATE SET"
                + " watch_time = GREATEST(c.watch_time, EXCLUDED.watch_time),"
                + " completed = c.completed OR EXCLUDED.completed,"
                + " last_position = EXCLUDED.last_position,"
                + " updated_at = EXCLUDED.updated_at");
    bindChapter(upsert, progressId, chapter, now).executeUpdate();
  }

  /**
   * Browser-stored chapter progress, merged as {@link ChapterState#mergeImported}: the row is only
   * written when the import adds something, so a replay changes nothing.
   */
  public void mergeChapter(UUID progressId, ChapterState chapter, Instant now) {
    Query upsert =
        em.createNativeQuery(
            "INSERT INTO tutorials.chapter_progress AS c (progress_id, chapter_id, watch_time,"
                + " completed, last_position, created_at, updated_at)"
                + " VALUES (:progress, :chapter, :watch, :completed, :position, :now, :now)"
                + " ON CONFLICT (progress_id, chapter_id) DO UPDATE SET"
                + " watch_time = GREATEST(c.watch_time, EXCLUDED.watch_time),"
                + " completed = c.completed OR EXCLUDED.completed,"
                + " last_position = CASE WHEN EXCLUDED.watch_time > c.watch_time"
                + " THEN EXCLUDED.last_position ELSE c.last_position END,"
                + " updated_at = EXCLUDED.updated_at"
                + " WHERE EXCLUDED.watch_time > c.watch_time"
                + " OR (EXCLUDED.completed AND NOT c.completed)");
    bindChapter(upsert, progressId, chapter, now).executeUpdate();
  }

  /** A live quiz attempt: attempts + 1, best score kept, passed once passed, completed now. */
  public void recordQuizAttempt(UUID progressId, QuizState quiz, Instant now) {
    Query upsert =
        em.createNativeQuery(
            "INSERT INTO tutorials.quiz_scores AS q (progress_id, quiz_id, score, max_score,"
                + " passed, attempts, completed_at, created_at, updated_at)"
                + " VALUES (:progress, :quiz, :score, :max, :passed, 1, :now, :now, :now)"
                + " ON CONFLICT (progress_id, quiz_id) DO UPDATE SET"
                + " score = CASE WHEN "
                + BETTER_SCORE
                + " THEN EXCLUDED.score ELSE q.score END,"
                + " max_score = CASE WHEN "
                + BETTER_SCORE
                + " THEN EXCLUDED.max_score ELSE q.max_score END,"
                + " passed = q.passed OR EXCLUDED.passed,"
                + " attempts = q.attempts + 1,"
                + " completed_at = EXCLUDED.completed_at,"
                + " updated_at = EXCLUDED.updated_at");
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
    Query upsert =
        em.createNativeQuery(
            "INSERT INTO tutorials.quiz_scores AS q (progress_id, quiz_id, score, max_score,"
                + " passed, attempts, completed_at, created_at, updated_at)"
                + " VALUES (:progress, :quiz, :score, :max, :passed, :attempts,"
                + " COALESCE(CAST(:completedAt AS timestamptz), :now), :now, :now)"
                + " ON CONFLICT (progress_id, quiz_id) DO UPDATE SET"
                + " score = CASE WHEN "
                + BETTER_SCORE
                + " THEN EXCLUDED.score ELSE q.score END,"
                + " max_score = CASE WHEN "
                + BETTER_SCORE
                + " THEN EXCLUDED.max_score ELSE q.max_score END,"
                + " passed = q.passed OR EXCLUDED.passed,"
                + " attempts = GREATEST(q.attempts, EXCLUDED.attempts),"
                + " updated_at = EXCLUDED.updated_at"
                + " WHERE "
                + BETTER_SCORE
                + " OR (EXCLUDED.passed AND NOT q.passed) OR EXCLUDED.attempts > q.attempts");
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
    Query query =
        em.createNativeQuery(
            "SELECT"
                + " (SELECT count(*) FROM tutorials.chapter_progress WHERE progress_id = :p),"
                + " (SELECT count(*) FROM tutorials.chapter_progress"
                + " WHERE progress_id = :p AND completed),"
                + " (SELECT COALESCE(sum(watch_time), 0) FROM tutorials.chapter_progress"
                + " WHERE progress_id = :p),"
                + " (SELECT count(*) FROM tutorials.quiz_scores WHERE progress_id = :p),"
                + " (SELECT count(*) FROM tutorials.quiz_scores WHERE progress_id = :p AND passed)");
    query.setParameter("p", progressId);
    Object[] row = (Object[]) query.getSingleResult();
    return new Counts(
        integer(row[0]), integer(row[1]), longValue(row[2]), integer(row[3]), integer(row[4]));
  }

  /**
   * Stores the derived totals and moves {@code last_watched_at} forward to {@code watchedAt} (null
   * keeps it). Unless {@code force}, the row is only written when a value changes. Returns the row
   * as written, empty when nothing was written.
   */
  public Optional<ProgressRow> saveTotals(
      UUID progressId, Totals totals, Instant watchedAt, Instant now, boolean force) {
    String watched = "GREATEST(last_watched_at, CAST(:watched AS timestamptz))";
    Query update =
        em.createNativeQuery(
            "UPDATE tutorials.tutorial_progress SET total_chapters = :total,"
                + " chapters_completed = :completed, total_watch_time = :watch,"
                + " completion_percentage = :percentage, certificate_eligible = :eligible,"
                + " last_watched_at = "
                + watched
                + ", updated_at = :now"
                + " WHERE id = :id AND (CAST(:force AS boolean) OR (total_chapters,"
                + " chapters_completed, total_watch_time, completion_percentage,"
                + " certificate_eligible, last_watched_at) IS DISTINCT FROM (:total, :completed,"
                + " :watch, :percentage, :eligible, "
                + watched
                + ")) RETURNING "
                + PROGRESS_COLUMNS);
    update.setParameter("id", progressId);
    update.setParameter("total", totals.totalChapters());
    update.setParameter("completed", totals.chaptersCompleted());
    update.setParameter("watch", totals.totalWatchTime());
    update.setParameter("percentage", totals.completionPercentage());
    update.setParameter("eligible", totals.certificateEligible());
    typed(update, "watched", time(watchedAt), OffsetDateTime.class);
    update.setParameter("now", time(now));
    update.setParameter("force", force);
    return rows(update).stream().findFirst().map(TutorialProgressRepository::toProgressRow);
  }

  public void markEarned(UUID progressId, Instant now) {
    Query update =
        em.createNativeQuery(
            "UPDATE tutorials.tutorial_progress SET certificate_earned = true,"
                + " certificate_eligible = true, completion_percentage = 100, updated_at = :now"
                + " WHERE id = :id");
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
    Query insert =
        em.createNativeQuery(
            "INSERT INTO tutorials.tutorial_certificates (progress_id, certificate_id, user_name,"
                + " tutorial_title, difficulty, duration, issued_at, created_at)"
                + " VALUES (:progress, :certificate, :userName, :title, :difficulty, :duration,"
                + " :now, :now) ON CONFLICT (progress_id) DO NOTHING");
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
    Query query =
        em.createNativeQuery(
            "SELECT c.certificate_id, p.tutorial_id, p.user_id, c.user_name, c.tutorial_title,"
                + " c.difficulty, c.duration, c.issued_at"
                + " FROM tutorials.tutorial_certificates c"
                + " JOIN tutorials.tutorial_progress p ON p.id = c.progress_id"
                + " WHERE p.tutorial_id = :tutorial AND p.user_id = :user");
    query.setParameter("tutorial", tutorialId);
    query.setParameter("user", userId);
    return rows(query).stream()
        .findFirst()
        .map(
            r ->
                new TutorialCertificateView(
                    (String) r[0],
                    (String) r[1],
                    uuid(r[2]),
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    r[6] == null ? null : integer(r[6]),
                    instant(r[7])));
  }

  /** Deletes the progress record; chapters, quizzes and the certificate go with it. */
  public void delete(UUID userId, String tutorialId) {
    Query delete =
        em.createNativeQuery(
            "DELETE FROM tutorials.tutorial_progress WHERE tutorial_id = :tutorial"
                + " AND user_id = :user");
    delete.setParameter("tutorial", tutorialId);
    delete.setParameter("user", userId);
    delete.executeUpdate();
  }

  /** Chapters in the order they were first reported. */
  public List<ChapterView> chapters(UUID progressId) {
    Query query =
        em.createNativeQuery(
            "SELECT chapter_id, watch_time, completed, last_position"
                + " FROM tutorials.chapter_progress WHERE progress_id = :p"
                + " ORDER BY created_at, chapter_id");
    query.setParameter("p", progressId);
    return rows(query).stream()
        .map(
            r ->
                new ChapterView(
                    (String) r[0], integer(r[1]), Boolean.TRUE.equals(r[2]), integer(r[3])))
        .toList();
  }

  /** Quiz results in the order they were first reported. */
  public List<QuizScoreView> quizzes(UUID progressId) {
    Query query =
        em.createNativeQuery(
            "SELECT quiz_id, score, max_score, passed, attempts, completed_at"
                + " FROM tutorials.quiz_scores WHERE progress_id = :p"
                + " ORDER BY created_at, quiz_id");
    query.setParameter("p", progressId);
    return rows(query).stream()
        .map(
            r ->
                new QuizScoreView(
                    (String) r[0],
                    integer(r[1]),
                    integer(r[2]),
                    Boolean.TRUE.equals(r[3]),
                    integer(r[4]),
                    instant(r[5])))
        .toList();
  }

  /** Per tutorial: users who watched since {@code since} and their average completion. */
  public List<TutorialActivity> activitySince(Instant since, int limit) {
    // (tutorial_id, user_id) is unique, so count(*) counts distinct users.
    Query query =
        em.createNativeQuery(
            "SELECT tutorial_id, count(*), round(avg(completion_percentage), 1)"
                + " FROM tutorials.tutorial_progress WHERE last_watched_at >= :since"
                + " GROUP BY tutorial_id ORDER BY count(*) DESC, tutorial_id LIMIT :limit");
    query.setParameter("since", time(since));
    query.setParameter("limit", limit);
    return rows(query).stream()
        .map(r -> new TutorialActivity((String) r[0], longValue(r[1]), decimal(r[2])))
        .toList();
  }

  /** Certificates issued since {@code since}, per UTC day, oldest day first. */
  public List<DailyCertificates> certificatesPerDaySince(Instant since) {
    Query query =
        em.createNativeQuery(
            "SELECT CAST(timezone('UTC', issued_at) AS date) AS day, count(*)"
                + " FROM tutorials.tutorial_certificates WHERE issued_at >= :since"
                + " GROUP BY day ORDER BY day");
    query.setParameter("since", time(since));
    return rows(query).stream()
        .map(r -> new DailyCertificates(date(r[0]), longValue(r[1])))
        .toList();
  }

  private static final String ANOMALY_CONDITION =
      " WHERE completion_percentage < 0 OR completion_percentage > 100"
          + " OR chapters_completed > total_chapters OR total_watch_time < 0";

  public long countAnomalies() {
    return longValue(
        em.createNativeQuery("SELECT count(*) FROM tutorials.tutorial_progress" + ANOMALY_CONDITION)
            .getSingleResult());
  }

  public List<ProgressAnomaly> anomalies(int offset, int size) {
    Query query =
        em.createNativeQuery(
            "SELECT id, tutorial_id, user_id, completion_percentage, chapters_completed,"
                + " total_chapters, total_watch_time FROM tutorials.tutorial_progress"
                + ANOMALY_CONDITION
                + " ORDER BY tutorial_id, user_id LIMIT :size OFFSET :offset");
    query.setParameter("size", size);
    query.setParameter("offset", offset);
    return rows(query).stream()
        .map(
            r ->
                new ProgressAnomaly(
                    uuid(r[0]),
                    (String) r[1],
                    uuid(r[2]),
                    integer(r[3]),
                    integer(r[4]),
                    integer(r[5]),
                    longValue(r[6]),
                    TutorialProgressRules.anomalies(
                        integer(r[3]), integer(r[4]), integer(r[5]), longValue(r[6]))))
        .toList();
  }

  private Optional<ProgressRow> selectProgress(UUID userId, String tutorialId, String suffix) {
    Query query =
        em.createNativeQuery(
            "SELECT "
                + PROGRESS_COLUMNS
                + " FROM tutorials.tutorial_progress WHERE tutorial_id = :tutorial"
                + " AND user_id = :user"
                + suffix);
    query.setParameter("tutorial", tutorialId);
    query.setParameter("user", userId);
    return rows(query).stream().findFirst().map(TutorialProgressRepository::toProgressRow);
  }

  private static ProgressRow toProgressRow(Object[] r) {
    return new ProgressRow(
        uuid(r[0]),
        (String) r[1],
        uuid(r[2]),
        integer(r[3]),
        integer(r[4]),
        integer(r[5]),
        Boolean.TRUE.equals(r[6]),
        Boolean.TRUE.equals(r[7]),
        longValue(r[8]),
        instant(r[9]));
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

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(Query query) {
    return (List<Object[]>) query.getResultList();
  }

  /** Binds a value that may be null with its type, which an untyped null would not carry. */
  @SuppressWarnings("unchecked")
  private static <T> void typed(Query query, String name, T value, Class<T> type) {
    query.unwrap(org.hibernate.query.Query.class).setParameter(name, value, type);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static int integer(Object value) {
    return ((Number) value).intValue();
  }

  private static long longValue(Object value) {
    return ((Number) value).longValue();
  }

  private static double decimal(Object value) {
    return value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
  }

  private static UUID uuid(Object value) {
    return value instanceof UUID id ? id : UUID.fromString(value.toString());
  }

  private static LocalDate date(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    return LocalDate.parse(value.toString());
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalStateException("Unexpected time value " + value.getClass().getName());
  }
}
