package io.lectern.enrollment.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 */
@ApplicationScoped
public class LessonProgressRepository {

  private static final String COLUMNS =
      "p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,"
          + " p.last_position_seconds, p.completion_percentage, p.first_started_at,"
          + " p.last_accessed_at, p.completed_at";

  /** Completed lessons among :outline and the time of all lessons of :enrollment. */
  private static final String TOTALS =
      "select count(*) filter (where t.status = 'completed'"
          + " and t.lesson_id = any(cast(:outline as uuid[]))) as completed,"
          + " coalesce(sum(t.time_spent_seconds), 0) as spent"
          + " from enrollment.lesson_progress t where t.enrollment_id = :enrollment";

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /**
   * Starts the lesson (creating its row) or, if started, records the access: a started or completed
   * lesson keeps its status; the first start time is the earliest seen.
   */
  public ProgressRow start(UUID enrollmentId, UUID lessonId, Instant at, Instant now) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "insert into enrollment.lesson_progress as p (id, enrollment_id, lesson_id,"
                        + " status, first_started_at, last_accessed_at, created_at, updated_at)"
                        + " values (:id, :enrollment, :lesson, 'in_progress', cast(:at as"
                        + " timestamptz), cast(:at as timestamptz), :now, :now)"
                        + " on conflict (enrollment_id, lesson_id) do update set"
                        + " status = case when p.status = 'not_started' then 'in_progress'"
                        + " else p.status end,"
                        + " first_started_at = least(p.first_started_at, excluded.first_started_at),"
                        + " last_accessed_at = greatest(p.last_accessed_at,"
                        + " excluded.last_accessed_at),"
                        + " updated_at = excluded.updated_at"
                        + " returning "
                        + COLUMNS)
                .setParameter("id", UUID.randomUUID())
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId)
                .setParameter("at", at)
                .setParameter("now", now)
                .getSingleResult();
    return toRow(row, 0);
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
    Object[] row =
        (Object[])
            em
                .createNativeQuery(
                    "with cur as (select id, cast(least(:requested, "
                        + LessonProgressRules.MAX_HEARTBEAT_SECONDS
                        + ", greatest(0, cast(floor(extract(epoch from (cast(:at as timestamptz)"
                        + " - first_started_at))) as bigint) + "
                        + LessonProgressRules.ELAPSED_GRACE_SECONDS
                        + " - time_spent_seconds)) as integer) as accepted"
                        + " from enrollment.lesson_progress"
                        + " where enrollment_id = :enrollment and lesson_id = :lesson"
                        + " and first_started_at is not null for update),"
                        + " tot as ("
                        + TOTALS
                        + ")"
                        + " update enrollment.lesson_progress p set"
                        + " time_spent_seconds = p.time_spent_seconds + cur.accepted,"
                        + " last_position_seconds = case when :hasPosition and"
                        + " (p.last_accessed_at is null or p.last_accessed_at <= cast(:at as"
                        + " timestamptz)) then :position else p.last_position_seconds end,"
                        + " last_accessed_at = greatest(p.last_accessed_at, cast(:at as"
                        + " timestamptz)),"
                        + " status = case when p.status = 'not_started' then 'in_progress'"
                        + " else p.status end,"
                        + " updated_at = :now"
                        + " from cur, tot where p.id = cur.id"
                        + " returning "
                        + COLUMNS
                        + ", cur.accepted, tot.completed, tot.spent + cur.accepted")
                .setParameter("requested", seconds)
                .setParameter("at", at)
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId)
                .setParameter("hasPosition", position != null)
                .setParameter("position", position == null ? 0 : position)
                .setParameter("now", now)
                .setParameter("outline", uuidArray(outline))
                .getResultList()
                .stream()
                .findFirst()
                .orElse(null);
    return Optional.ofNullable(row)
        .map(
            r ->
                new Heartbeat(
                    toRow(r, 0),
                    ((Number) r[10]).intValue(),
                    new Totals(((Number) r[11]).intValue(), ((Number) r[12]).longValue())));
  }

  /**
   * Completes a started lesson. Completion is never undone and keeps its first time; a score counts
   * as an attempt and the best score is kept.
   */
  public ProgressRow complete(
      UUID enrollmentId, UUID lessonId, Integer score, Instant at, Instant now) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "update enrollment.lesson_progress p set"
                        + " status = 'completed',"
                        + " completed_at = coalesce(p.completed_at, cast(:at as timestamptz)),"
                        + " completion_percentage = 100,"
                        + " attempts = p.attempts + case when :hasScore then 1 else 0 end,"
                        + " best_score = case when :hasScore then greatest(p.best_score, :score)"
                        + " else p.best_score end,"
                        + " last_accessed_at = greatest(p.last_accessed_at, cast(:at as"
                        + " timestamptz)),"
                        + " updated_at = :now"
                        + " where p.enrollment_id = :enrollment and p.lesson_id = :lesson"
                        + " returning "
                        + COLUMNS)
                .setParameter("hasScore", score != null)
                .setParameter("score", score == null ? 0 : score)
                .setParameter("at", at)
                .setParameter("now", now)
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId)
                .getSingleResult();
    return toRow(row, 0);
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
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "update enrollment.lesson_progress p set"
                        + " attempts = greatest(p.attempts, :attempts),"
                        + " best_score = :score,"
                        + " status = case when :passed then 'completed' else p.status end,"
                        + " completed_at = case when :passed then coalesce(p.completed_at,"
                        + " cast(:at as timestamptz)) else p.completed_at end,"
                        + " completion_percentage = case when :passed then 100"
                        + " else p.completion_percentage end,"
                        + " last_accessed_at = greatest(p.last_accessed_at, cast(:at as"
                        + " timestamptz)),"
                        + " updated_at = :now"
                        + " where p.enrollment_id = :enrollment and p.lesson_id = :lesson"
                        + " returning "
                        + COLUMNS)
                .setParameter("attempts", attempts)
                .setParameter("score", score)
                .setParameter("passed", passed)
                .setParameter("at", at)
                .setParameter("now", now)
                .setParameter("enrollment", enrollmentId)
                .setParameter("lesson", lessonId)
                .getSingleResult();
    return toRow(row, 0);
  }

  /** What an enrolment's summary is computed from. */
  public record Totals(int completedInOutline, long timeSpentSeconds) {}

  /**
   * The enrolment's completed lessons among {@code outline} (the course's current lessons) and its
   * total time, summed by the database instead of reading every lesson row.
   */
  public Totals totals(UUID enrollmentId, Collection<UUID> outline) {
    Object[] row =
        (Object[])
            em.createNativeQuery(TOTALS)
                .setParameter("outline", uuidArray(outline))
                .setParameter("enrollment", enrollmentId)
                .getSingleResult();
    return new Totals(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
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
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select p.enrollment_id, "
                    + COLUMNS
                    + " from enrollment.lesson_progress p where p.enrollment_id in (:ids)")
            .setParameter("ids", enrollmentIds)
            .getResultList();
    for (Object[] row : rows) {
      ProgressRow progress = toRow(row, 1);
      result
          .computeIfAbsent((UUID) row[0], k -> new LinkedHashMap<>())
          .put(progress.lessonId(), progress);
    }
    return result;
  }

  /** Marks a synced event as seen; false when this enrolment has already processed the event id. */
  public boolean markProcessed(
      UUID enrollmentId, String eventId, UUID lessonId, String type, Instant at, Instant now) {
    return em.createNativeQuery(
                "insert into enrollment.processed_sync_events (enrollment_id, event_id, lesson_id,"
                    + " event_type, occurred_at, processed_at) values (:enrollment, :event,"
                    + " :lesson, :type, cast(:at as timestamptz), :now) on conflict do nothing")
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
    return !em.createNativeQuery(
            "select 1 from enrollment.processed_sync_events"
                + " where enrollment_id = :enrollment and event_id = :event")
        .setParameter("enrollment", enrollmentId)
        .setParameter("event", eventId)
        .getResultList()
        .isEmpty();
  }

  /** The durable record of a course completion (at most one per enrolment). */
  public void recordCompletion(Enrollment enrollment) {
    em.createNativeQuery(
            "insert into enrollment.course_completions (enrollment_id, student_id, course_id,"
                + " completed_at) values (:enrollment, :student, :course, :at)"
                + " on conflict do nothing")
        .setParameter("enrollment", enrollment.id())
        .setParameter("student", enrollment.studentId())
        .setParameter("course", enrollment.courseId())
        .setParameter("at", enrollment.completedAt())
        .executeUpdate();
  }

  private static ProgressRow toRow(Object[] row, int from) {
    return new ProgressRow(
        (UUID) row[from],
        LessonStatus.fromValue((String) row[from + 1]),
        ((Number) row[from + 2]).intValue(),
        ((Number) row[from + 3]).intValue(),
        row[from + 4] == null ? null : ((Number) row[from + 4]).intValue(),
        ((Number) row[from + 5]).intValue(),
        decimal(row[from + 6]),
        instant(row[from + 7]),
        instant(row[from + 8]),
        instant(row[from + 9]));
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d.setScale(2);
    }
    return new BigDecimal(value.toString()).setScale(2);
  }

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalStateException("Unexpected time value " + value.getClass());
  }
}
