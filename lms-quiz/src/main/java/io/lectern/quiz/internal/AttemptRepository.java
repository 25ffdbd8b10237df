package io.lectern.quiz.internal;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
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
    em.createNativeQuery(
            "insert into quiz.attempt_slots (enrollment_id, quiz_id) values (:enrollment, :quiz)"
                + " on conflict do nothing")
        .setParameter("enrollment", enrollmentId)
        .setParameter("quiz", quizId)
        .executeUpdate();
    Object last =
        em.createNativeQuery(
                "select last_number from quiz.attempt_slots where enrollment_id = :enrollment"
                    + " and quiz_id = :quiz for update")
            .setParameter("enrollment", enrollmentId)
            .setParameter("quiz", quizId)
            .getSingleResult();
    return ((Number) last).intValue();
  }

  public void setSlot(UUID enrollmentId, UUID quizId, int lastNumber) {
    em.createNativeQuery(
            "update quiz.attempt_slots set last_number = :last where enrollment_id = :enrollment"
                + " and quiz_id = :quiz")
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

  /** Open attempts whose deadline (plus grace) is before {@code cutoff}, oldest first. */
  public List<UUID> overdue(Instant cutoff, int limit) {
    return em.createQuery(
            "select a.id from Attempt a where a.status = 'in_progress' and a.deadlineAt < :cutoff"
                + " order by a.deadlineAt",
            UUID.class)
        .setParameter("cutoff", cutoff)
        .setMaxResults(limit)
        .getResultList();
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
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select count(*), round(avg(percentage), 2),"
                        + " count(*) filter (where is_passed), round(avg(time_taken_seconds), 2)"
                        + " from quiz.attempts where quiz_id = :quiz and status = 'graded'")
                .setParameter("quiz", quizId)
                .getSingleResult();
    return new Totals(
        ((Number) row[0]).longValue(),
        decimal(row[1]),
        ((Number) row[2]).longValue(),
        decimal(row[3]));
  }

  /** Graded attempts per percentage decile: bucket 0 = [0, 10), ..., bucket 9 = [90, 100]. */
  public long[] histogram(UUID quizId) {
    long[] buckets = new long[10];
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select least(cast(floor(percentage / 10) as integer), 9) as bucket, count(*)"
                    + " from quiz.attempts where quiz_id = :quiz and status = 'graded'"
                    + " group by 1")
            .setParameter("quiz", quizId)
            .getResultList();
    for (Object[] row : rows) {
      buckets[((Number) row[0]).intValue()] = ((Number) row[1]).longValue();
    }
    return buckets;
  }

  /** Per question: how many graded attempts showed it and how many answered it correctly. */
  public Map<UUID, long[]> questionTotals(UUID quizId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select r ->> 'questionId', count(*),"
                    + " count(*) filter (where cast(r ->> 'correct' as boolean))"
                    + " from quiz.attempts a cross join lateral jsonb_array_elements(a.results) r"
                    + " where a.quiz_id = :quiz and a.status = 'graded' group by 1")
            .setParameter("quiz", quizId)
            .getResultList();
    Map<UUID, long[]> totals = new LinkedHashMap<>();
    for (Object[] row : rows) {
      totals.put(
          UUID.fromString((String) row[0]),
          new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
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

  private static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof BigDecimal d
        ? d.setScale(2)
        : new BigDecimal(value.toString()).setScale(2);
  }
}
