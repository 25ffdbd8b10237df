package io.lectern.quiz.internal;

import static io.lectern.shared.persistence.Columns.decimal;
import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.uuid;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AttemptRepository {

  private static final String CREATE_SLOT =
      """
      INSERT INTO quiz.attempt_slots (enrollment_id, quiz_id)
      VALUES (:enrollment, :quiz)
      ON CONFLICT DO NOTHING
      """;

  private static final String LOCK_SLOT =
      """
      SELECT last_number
      FROM quiz.attempt_slots
      WHERE enrollment_id = :enrollment
        AND quiz_id = :quiz
      FOR UPDATE
      """;

  private static final String SET_SLOT =
      """
      UPDATE quiz.attempt_slots
      SET last_number = :last
      WHERE enrollment_id = :enrollment
        AND quiz_id = :quiz
      """;

  private static final String TOTALS =
      """
      SELECT COUNT(*) AS graded,
             ROUND(AVG(percentage), 2) AS average_percentage,
             COUNT(*) FILTER (WHERE is_passed) AS passed,
             ROUND(AVG(time_taken_seconds), 2) AS average_time
      FROM quiz.attempts
      WHERE quiz_id = :quiz
        AND status = 'graded'
      """;

  /** Per question id (text, from the graded results): times shown and times answered correctly. */
  private static final String QUESTION_TOTALS =
      """
      SELECT r ->> 'questionId' AS question_id,
             COUNT(*) AS shown,
             COUNT(*) FILTER (WHERE CAST(r ->> 'correct' AS boolean)) AS correct
      FROM quiz.attempts a
      CROSS JOIN LATERAL jsonb_array_elements(a.results) r
      WHERE a.quiz_id = :quiz
        AND a.status = 'graded'
      GROUP BY 1
      """;

  /**
   * Open attempts past the cutoff, oldest deadline first, after a (deadline, id) position: a sweep
   * pages through them and never meets the same attempt twice in one pass.
   */
  private static final String OVERDUE_AFTER =
      """
      SELECT id, deadline_at
      FROM quiz.attempts
      WHERE status = 'in_progress'
        AND deadline_at < :cutoff
        AND (deadline_at, id) > (:after_deadline, :after_id)
      ORDER BY deadline_at, id
      LIMIT :limit
      """;

  /**
   * Locks the attempt for grading if it is still open and overdue and no other transaction holds
   * it. {@code SKIP LOCKED}: a sweeper on another node (or a student's request) that holds the row
   * makes this one move on instead of waiting, so sweepers share the work and never queue.
   */
  private static final String CLAIM_OVERDUE =
      """
      SELECT id
      FROM quiz.attempts
      WHERE id = :id
        AND status = 'in_progress'
        AND deadline_at < :cutoff
      FOR UPDATE SKIP LOCKED
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Optional<Attempt> find(UUID id) {
    return Optional.ofNullable(em.find(Attempt.class, id));
  }

  /** Locks the attempt: saves, submits, deadline grading and the sweep serialise on this row. */
  public Optional<Attempt> lock(UUID id) {
    return Optional.ofNullable(em.find(Attempt.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** Re-reads an attempt already loaded in this transaction, locking its row. */
  public Attempt relock(Attempt attempt) {
    em.refresh(attempt, LockModeType.PESSIMISTIC_WRITE);
    return attempt;
  }

  /**
   * Creates (if need be) and locks, with {@code SELECT ... FOR UPDATE}, the one row per enrolment
   * and quiz that serialises attempt starts; returns the last attempt number handed out.
   */
  public int lockSlot(UUID enrollmentId, UUID quizId) {
    em.createNativeQuery(CREATE_SLOT)
        .setParameter("enrollment", enrollmentId)
        .setParameter("quiz", quizId)
        .executeUpdate();
    Tuple slot =
        (Tuple)
            em.createNativeQuery(LOCK_SLOT, Tuple.class)
                .setParameter("enrollment", enrollmentId)
                .setParameter("quiz", quizId)
                .getSingleResult();
    return intValue(slot, "last_number");
  }

  public void setSlot(UUID enrollmentId, UUID quizId, int lastNumber) {
    em.createNativeQuery(SET_SLOT)
        .setParameter("last", lastNumber)
        .setParameter("enrollment", enrollmentId)
        .setParameter("quiz", quizId)
        .executeUpdate();
  }

  public void add(Attempt attempt) {
    em.persist(attempt);
    em.flush();
  }

  /** Open attempts of an enrolment at a quiz (at most one, by the partial unique index). */
  public List<Attempt> open(UUID enrollmentId, UUID quizId) {
    return em.createQuery(
            "select a from Attempt a where a.enrollmentId = :enrollment and a.quizId = :quiz"
                + " and a.status = 'in_progress'",
            Attempt.class)
        .setParameter("enrollment", enrollmentId)
        .setParameter("quiz", quizId)
        .getResultList();
  }

  /** A student's open attempts at a quiz (to re-time them after an override). */
  public List<Attempt> openOfStudent(UUID quizId, UUID studentId) {
    return em.createQuery(
            "select a from Attempt a where a.studentId = :student and a.quizId = :quiz"
                + " and a.status = 'in_progress'",
            Attempt.class)
        .setParameter("student", studentId)
        .setParameter("quiz", quizId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  /** How many attempts the enrolment has started at the quiz. */
  public int countFor(UUID enrollmentId, UUID quizId) {
    return em.createQuery(
            "select count(a) from Attempt a where a.enrollmentId = :enrollment"
                + " and a.quizId = :quiz",
            Long.class)
        .setParameter("enrollment", enrollmentId)
        .setParameter("quiz", quizId)
        .getSingleResult()
        .intValue();
  }

  public List<Attempt> graded(UUID enrollmentId, UUID quizId) {
    return em.createQuery(
            "select a from Attempt a where a.enrollmentId = :enrollment and a.quizId = :quiz"
                + " and a.status = 'graded' order by a.number",
            Attempt.class)
        .setParameter("enrollment", enrollmentId)
        .setParameter("quiz", quizId)
        .getResultList();
  }

  /** Where a sweep stands: the deadline and id of the last attempt it looked at. */
  public record SweepPosition(Instant deadline, UUID id) {
    public static final SweepPosition START =
        new SweepPosition(Instant.EPOCH, new UUID(Long.MIN_VALUE, Long.MIN_VALUE));
  }

  /** Up to {@code limit} open attempts past the cutoff after the position, oldest first. */
  public List<SweepPosition> overdueAfter(Instant cutoff, SweepPosition after, int limit) {
    @SuppressWarnings("unchecked")
    List<Tuple> rows =
        em.createNativeQuery(OVERDUE_AFTER, Tuple.class)
            .setParameter("cutoff", cutoff)
            .setParameter("after_deadline", after.deadline())
            .setParameter("after_id", after.id())
            .setParameter("limit", limit)
            .getResultList();
    return rows.stream()
        .map(r -> new SweepPosition(instant(r, "deadline_at"), uuid(r, "id")))
        .toList();
  }

  /**
   * The attempt, locked, if it is open, past the cutoff and not locked by anyone else; empty when
   * it was graded meanwhile or another transaction holds it.
   */
  public Optional<Attempt> claimOverdue(UUID id, Instant cutoff) {
    List<?> claimed =
        em.createNativeQuery(CLAIM_OVERDUE)
            .setParameter("id", id)
            .setParameter("cutoff", cutoff)
            .getResultList();
    return claimed.isEmpty() ? Optional.empty() : find(id);
  }

  /** A student's open attempts at a quiz whose deadline passed. */
  public List<UUID> overdueOf(UUID studentId, UUID quizId, Instant cutoff) {
    return em.createQuery(
            "select a.id from Attempt a where a.studentId = :student and a.quizId = :quiz"
                + " and a.status = 'in_progress' and a.deadlineAt < :cutoff",
            UUID.class)
        .setParameter("student", studentId)
        .setParameter("quiz", quizId)
        .setParameter("cutoff", cutoff)
        .getResultList();
  }

  /** A student's attempts at a quiz, in attempt order. */
  public Page<Attempt> ofStudent(UUID studentId, UUID quizId, PageRequest paging) {
    return page(
        "a.quizId = :quiz and a.studentId = :student",
        Map.of("quiz", quizId, "student", studentId),
        "a.number, a.id",
        paging);
  }

  /** A quiz's attempts, newest first, optionally of one status. */
  public Page<Attempt> ofQuiz(UUID quizId, String status, PageRequest paging) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("quiz", quizId);
    String where = "a.quizId = :quiz";
    if (status != null) {
      where += " and a.status = :status";
      params.put("status", status);
    }
    return page(where, params, "a.startedAt desc, a.id", paging);
  }

  private Page<Attempt> page(
      String where, Map<String, Object> params, String order, PageRequest paging) {
    TypedQuery<Attempt> items =
        em.createQuery(
            "select a from Attempt a where " + where + " order by " + order, Attempt.class);
    TypedQuery<Long> count =
        em.createQuery("select count(a) from Attempt a where " + where, Long.class);
    params.forEach(
        (k, v) -> {
          items.setParameter(k, v);
          count.setParameter(k, v);
        });
    List<Attempt> found =
        items.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList();
    return Page.of(found, paging, count.getSingleResult());
  }

  /** Totals over a quiz's graded attempts. */
  public record Totals(
      long graded, BigDecimal averagePercentage, long passed, BigDecimal averageTimeSeconds) {}

  public Totals totals(UUID quizId) {
    Tuple row =
        (Tuple)
            em.createNativeQuery(TOTALS, Tuple.class)
                .setParameter("quiz", quizId)
                .getSingleResult();
    return new Totals(
        longValue(row, "graded"),
        scaled(decimal(row, "average_percentage")),
        longValue(row, "passed"),
        scaled(decimal(row, "average_time")));
  }

  /** Graded attempts per percentage decile: bucket 0 = [0, 10), ..., bucket 9 = [90, 100]. */
  public long[] histogram(UUID quizId) {
    long[] buckets = new long[10];
    List<Tuple> rows =
        em.createNamedQuery(Attempt.HISTOGRAM, Tuple.class)
            .setParameter("quiz", quizId)
            .getResultList();
    for (Tuple row : rows) {
      buckets[intValue(row, "bucket")] = longValue(row, "attempts");
    }
    return buckets;
  }

  /** Per question: how many graded attempts showed it and how many answered it correctly. */
  public Map<UUID, long[]> questionTotals(UUID quizId) {
    @SuppressWarnings("unchecked")
    List<Tuple> rows =
        em.createNativeQuery(QUESTION_TOTALS, Tuple.class)
            .setParameter("quiz", quizId)
            .getResultList();
    Map<UUID, long[]> totals = new LinkedHashMap<>();
    for (Tuple row : rows) {
      totals.put(
          UUID.fromString(row.get("question_id", String.class)),
          new long[] {longValue(row, "shown"), longValue(row, "correct")});
    }
    return totals;
  }

  public long openCount(UUID quizId) {
    return em.createQuery(
            "select count(a) from Attempt a where a.quizId = :quiz and a.status = 'in_progress'",
            Long.class)
        .setParameter("quiz", quizId)
        .getSingleResult();
  }

  /** An average as read (null over no rows), with the two decimals the statistics show. */
  private static BigDecimal scaled(BigDecimal value) {
    return value == null ? null : value.setScale(2);
  }
}
