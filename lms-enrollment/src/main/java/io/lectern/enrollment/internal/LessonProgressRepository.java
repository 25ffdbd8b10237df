package io.lectern.enrollment.internal;

import static io.lectern.shared.persistence.Columns.decimal;
import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.integerOrNull;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.single;

import io.lectern.shared.persistence.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Lesson progress writes, each one SQL statement so that the database applies it atomically:
 * concurrent heartbeats add their seconds in the row, never read-modify-write in Java. Callers hold
 * the enrolment's row lock, which also keeps the enrolment's totals in step.
 *
 * <p>Every statement that returns a lesson row returns the columns {@link #progressRow} reads.
 */
@ApplicationScoped
public class LessonProgressRepository {

  private static final String START =
      """
      INSERT INTO enrollment.lesson_progress AS p
        (id, enrollment_id, lesson_id, status, first_started_at, last_accessed_at, created_at,
         updated_at)
      VALUES (:id, :enrollment, :lesson, 'in_progress', CAST(:at AS timestamptz),
              CAST(:at AS timestamptz), :now, :now)
      ON CONFLICT (enrollment_id, lesson_id) DO UPDATE
      SET status = CASE WHEN p.status = 'not_started' THEN 'in_progress' ELSE p.status END,
          first_started_at = LEAST(p.first_started_at, EXCLUDED.first_started_at),
          last_accessed_at = GREATEST(p.last_accessed_at, EXCLUDED.last_accessed_at),
          updated_at = EXCLUDED.updated_at
      RETURNING p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
                p.last_position_seconds, p.completion_percentage, p.first_started_at,
                p.last_accessed_at, p.completed_at
      """;

  /**
   * {@code cur}: the locked lesson row and the seconds that count (at most {@link
   * LessonProgressRules#MAX_HEARTBEAT_SECONDS}, never beyond the time since the first start plus
   * {@link LessonProgressRules#ELAPSED_GRACE_SECONDS}); {@code tot}: the enrolment's {@link
   * #TOTALS} before the change.
   */
  private static final String HEARTBEAT =
      """
      WITH cur AS (
        SELECT id,
               CAST(
                 LEAST(
                   :requested,
                   %d,
                   GREATEST(
                     0,
                     CAST(FLOOR(EXTRACT(EPOCH FROM (CAST(:at AS timestamptz) - first_started_at)))
                          AS bigint)
                     + %d - time_spent_seconds))
                 AS integer) AS accepted
        FROM enrollment.lesson_progress
        WHERE enrollment_id = :enrollment
          AND lesson_id = :lesson
          AND first_started_at IS NOT NULL
        FOR UPDATE
      ),
      tot AS (
        SELECT COUNT(*) FILTER (WHERE t.status = 'completed'
                                  AND t.lesson_id = ANY(CAST(:outline AS uuid[]))) AS completed,
               COALESCE(SUM(t.time_spent_seconds), 0) AS spent
        FROM enrollment.lesson_progress t
        WHERE t.enrollment_id = :enrollment
      )
      UPDATE enrollment.lesson_progress p
      SET time_spent_seconds = p.time_spent_seconds + cur.accepted,
          last_position_seconds = CASE WHEN :hasPosition
                                            AND (p.last_accessed_at IS NULL
                                                 OR p.last_accessed_at <= CAST(:at AS timestamptz))
                                       THEN :position
                                       ELSE p.last_position_seconds END,
          last_accessed_at = GREATEST(p.last_accessed_at, CAST(:at AS timestamptz)),
          status = CASE WHEN p.status = 'not_started' THEN 'in_progress' ELSE p.status END,
          updated_at = :now
      FROM cur, tot
      WHERE p.id = cur.id
      RETURNING p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
                p.last_position_seconds, p.completion_percentage, p.first_started_at,
                p.last_accessed_at, p.completed_at,
                cur.accepted AS accepted_seconds,
                tot.completed AS completed_in_outline,
                tot.spent + cur.accepted AS time_spent_total
      """
          .formatted(
              LessonProgressRules.MAX_HEARTBEAT_SECONDS, LessonProgressRules.ELAPSED_GRACE_SECONDS);

  private static final String COMPLETE =
      """
      UPDATE enrollment.lesson_progress p
      SET status = 'completed',
          completed_at = COALESCE(p.completed_at, CAST(:at AS timestamptz)),
          completion_percentage = 100,
          attempts = p.attempts + CASE WHEN :hasScore THEN 1 ELSE 0 END,
          best_score = CASE WHEN :hasScore THEN GREATEST(p.best_score, :score)
                            ELSE p.best_score END,
          last_accessed_at = GREATEST(p.last_accessed_at, CAST(:at AS timestamptz)),
          updated_at = :now
      WHERE p.enrollment_id = :enrollment
        AND p.lesson_id = :lesson
      RETURNING p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
                p.last_position_seconds, p.completion_percentage, p.first_started_at,
                p.last_accessed_at, p.completed_at
      """;

  private static final String RECORD_QUIZ =
      """
      UPDATE enrollment.lesson_progress p
      SET attempts = GREATEST(p.attempts, :attempts),
          best_score = :score,
          status = CASE WHEN :passed THEN 'completed' ELSE p.status END,
          completed_at = CASE WHEN :passed THEN COALESCE(p.completed_at, CAST(:at AS timestamptz))
                              ELSE p.completed_at END,
          completion_percentage = CASE WHEN :passed THEN 100 ELSE p.completion_percentage END,
          last_accessed_at = GREATEST(p.last_accessed_at, CAST(:at AS timestamptz)),
          updated_at = :now
      WHERE p.enrollment_id = :enrollment
        AND p.lesson_id = :lesson
      RETURNING p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
                p.last_position_seconds, p.completion_percentage, p.first_started_at,
                p.last_accessed_at, p.completed_at
      """;

  /** Completed lessons among :outline and the time of all lessons of :enrollment. */
  private static final String TOTALS =
      """
      SELECT COUNT(*) FILTER (WHERE t.status = 'completed'
                                AND t.lesson_id = ANY(CAST(:outline AS uuid[]))) AS completed,
             COALESCE(SUM(t.time_spent_seconds), 0) AS spent
      FROM enrollment.lesson_progress t
      WHERE t.enrollment_id = :enrollment
      """;

  private static final String OF_ENROLLMENTS =
      """
      SELECT p.enrollment_id, p.lesson_id, p.status, p.time_spent_seconds, p.attempts,
             p.best_score, p.last_position_seconds, p.completion_percentage, p.first_started_at,
             p.last_accessed_at, p.completed_at
      FROM enrollment.lesson_progress p
      WHERE p.enrollment_id IN (:ids)
      """;

  private static final String MARK_PROCESSED =
      """
      INSERT INTO enrollment.processed_sync_events
        (enrollment_id, event_id, lesson_id, event_type, occurred_at, processed_at)
      VALUES (:enrollment, :event, :lesson, :type, CAST(:at AS timestamptz), :now)
      ON CONFLICT DO NOTHING
      """;

  private static final String IS_PROCESSED =
      """
      SELECT 1 AS processed
      FROM enrollment.processed_sync_events
      WHERE enrollment_id = :enrollment
        AND event_id = :event
      """;

  private static final String RECORD_COMPLETION =
      """
      INSERT INTO enrollment.course_completions (enrollment_id, student_id, course_id, completed_at)
      VALUES (:enrollment, :student, :course, :at)
      ON CONFLICT DO NOTHING
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /**
   * Starts the lesson (creating its row) or, if started, records the access: a started or completed
   * lesson keeps its status; the first start time is the earliest seen.
   */
  public ProgressRow start(UUID enrollmentId, UUID lessonId, Instant at, Instant now) {
    Tuple row =
        single(
            tuples(START)
                .setParameter("id", UUID.randomUUID())
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId)
                .setParameter("at", at)
                .setParameter("now", now));
    return progressRow(row);
  }

  /** A heartbeat's result: the lesson's progress after it and the seconds that counted. */
  public record Heartbeat(ProgressRow progress, int acceptedSeconds, Totals totals) {}

  /**
   * Adds the seconds of one heartbeat to a started lesson, capped in SQL (see {@link
   * LessonProgressRules#acceptedSeconds}); the row is locked first so the cap sees the current
   * time. The position is taken unless a later access was already recorded; like {@link #start},
   * the access time only moves forward and a not-started row becomes in progress. Empty when the
   * lesson has not been started (no row, or no first start time): the caller starts it first.
   *
   * <p>The same statement sums the enrolment's {@link #totals} after the change (a heartbeat adds
   * time and never completes a lesson), which saves the refresh its own query; the caller's lock on
   * the enrolment keeps other writers of its rows out in between.
   */
  public Optional<Heartbeat> heartbeat(
      UUID enrollmentId,
      UUID lessonId,
      int seconds,
      Integer position,
      Instant at,
      Instant now,
      Collection<UUID> outline) {
    return rows(
            tuples(HEARTBEAT)
                .setParameter("requested", seconds)
                .setParameter("at", at)
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId)
                .setParameter("hasPosition", position != null)
                .setParameter("position", position == null ? 0 : position)
                .setParameter("now", now)
                .setParameter("outline", uuidArray(outline)))
        .stream()
        .findFirst()
        .map(
            row ->
                new Heartbeat(
                    progressRow(row),
                    intValue(row, "accepted_seconds"),
                    new Totals(
                        intValue(row, "completed_in_outline"),
                        longValue(row, "time_spent_total"))));
  }

  /**
   * Completes a started lesson. Completion is never undone and keeps its first time; a score counts
   * as an attempt and the best score is kept.
   */
  public ProgressRow complete(
      UUID enrollmentId, UUID lessonId, Integer score, Instant at, Instant now) {
    Tuple row =
        single(
            tuples(COMPLETE)
                .setParameter("hasScore", score != null)
                .setParameter("score", score == null ? 0 : score)
                .setParameter("at", at)
                .setParameter("now", now)
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId));
    return progressRow(row);
  }

  /**
   * Records a graded quiz on a started lesson: attempts never go down, the best score is the one
   * the quiz's grading policy keeps, and a pass completes the lesson (never undone, first time
   * kept).
   */
  public ProgressRow recordQuiz(
      UUID enrollmentId,
      UUID lessonId,
      int score,
      int attempts,
      boolean passed,
      Instant at,
      Instant now) {
    Tuple row =
        single(
            tuples(RECORD_QUIZ)
                .setParameter("attempts", attempts)
                .setParameter("score", score)
                .setParameter("passed", passed)
                .setParameter("at", at)
                .setParameter("now", now)
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId));
    return progressRow(row);
  }

  /** What an enrolment's summary is computed from. */
  public record Totals(int completedInOutline, long timeSpentSeconds) {}

  /**
   * The enrolment's completed lessons among {@code outline} (the course's current lessons) and its
   * total time, summed by the database instead of reading every lesson row.
   */
  public Totals totals(UUID enrollmentId, Collection<UUID> outline) {
    Tuple row =
        single(
            tuples(TOTALS)
                .setParameter("outline", uuidArray(outline))
                .setParameter("enrollment", enrollmentId));
    return new Totals(intValue(row, "completed"), longValue(row, "spent"));
  }

  /** A uuid[] literal, bound as text and cast in SQL: one statement shape for every length. */
  private static String uuidArray(Collection<UUID> ids) {
    StringJoiner literal = new StringJoiner(",", "{", "}");
    ids.forEach(id -> literal.add(id.toString()));
    return literal.toString();
  }

  /** Every lesson row of the enrolment, by lesson id. */
  public Map<UUID, ProgressRow> of(UUID enrollmentId) {
    return ofAll(List.of(enrollmentId)).getOrDefault(enrollmentId, Map.of());
  }

  /** The lesson rows of several enrolments (one query), by enrolment and lesson. */
  public Map<UUID, Map<UUID, ProgressRow>> ofAll(Collection<UUID> enrollmentIds) {
    Map<UUID, Map<UUID, ProgressRow>> result = new LinkedHashMap<>();
    if (enrollmentIds.isEmpty()) {
      return result;
    }
    for (Tuple row : rows(tuples(OF_ENROLLMENTS).setParameter("ids", enrollmentIds))) {
      ProgressRow progress = progressRow(row);
      result
          .computeIfAbsent(row.get("enrollment_id", UUID.class), k -> new LinkedHashMap<>())
          .put(progress.lessonId(), progress);
    }
    return result;
  }

  /** Marks a synced event as seen; false when this enrolment has already processed the event id. */
  public boolean markProcessed(
      UUID enrollmentId, String eventId, UUID lessonId, String type, Instant at, Instant now) {
    return em.createNativeQuery(MARK_PROCESSED)
            .setParameter("enrollment", enrollmentId)
            .setParameter("event", eventId)
            .setParameter("lesson", lessonId)
            .setParameter("type", type)
            .setParameter("at", at)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  public boolean isProcessed(UUID enrollmentId, String eventId) {
    return !em.createNativeQuery(IS_PROCESSED)
        .setParameter("enrollment", enrollmentId)
        .setParameter("event", eventId)
        .getResultList()
        .isEmpty();
  }

  /** The durable record of a course completion (at most one per enrolment). */
  public void recordCompletion(Enrollment enrollment) {
    em.createNativeQuery(RECORD_COMPLETION)
        .setParameter("enrollment", enrollment.id())
        .setParameter("student", enrollment.studentId())
        .setParameter("course", enrollment.courseId())
        .setParameter("at", enrollment.completedAt())
        .executeUpdate();
  }

  /** A lesson row as the statements above return it. */
  private static ProgressRow progressRow(Tuple row) {
    return new ProgressRow(
        row.get("lesson_id", UUID.class),
        LessonStatus.fromValue(row.get("status", String.class)),
        intValue(row, "time_spent_seconds"),
        intValue(row, "attempts"),
        integerOrNull(row, "best_score"),
        intValue(row, "last_position_seconds"),
        decimal(row, "completion_percentage").setScale(2),
        instant(row, "first_started_at"),
        instant(row, "last_accessed_at"),
        instant(row, "completed_at"));
  }

  private Query tuples(String sql) {
    return Columns.tupleQuery(em, sql);
  }
}
