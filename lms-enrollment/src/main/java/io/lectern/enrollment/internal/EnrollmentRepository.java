package io.lectern.enrollment.internal;

import io.lectern.enrollment.api.EnrollmentStatus;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EnrollmentRepository {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Optional<Enrollment> find(UUID id) {
    return Optional.ofNullable(em.find(Enrollment.class, id));
  }

  /**
   * Locks the enrolment row until the transaction ends. Every progress change takes this lock
   * first, so the enrolment's totals stay in step with its lesson rows and a course completes once.
   */
  public Optional<Enrollment> lock(UUID id) {
    return Optional.ofNullable(em.find(Enrollment.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  public Optional<Enrollment> findFor(UUID studentId, UUID courseId) {
    return em
        .createQuery(
            "select e from Enrollment e where e.studentId = :student and e.courseId = :course",
            Enrollment.class)
        .setParameter("student", studentId)
        .setParameter("course", courseId)
        .getResultList()
        .stream()
        .findFirst();
  }

  public Optional<Enrollment> lockFor(UUID studentId, UUID courseId) {
    return em
        .createQuery(
            "select e from Enrollment e where e.studentId = :student and e.courseId = :course",
            Enrollment.class)
        .setParameter("student", studentId)
        .setParameter("course", courseId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** Inserts the enrolment; a concurrent enrolment of the same student and course is a 409. */
  public void add(Enrollment enrollment) {
    em.persist(enrollment);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
        throw EnrollmentErrors.alreadyEnrolled();
      }
      throw e;
    }
  }

  public boolean isLive(UUID studentId, UUID courseId) {
    return em.createQuery(
                "select count(e) from Enrollment e where e.studentId = :student"
                    + " and e.courseId = :course and e.status in ('active', 'completed')",
                Long.class)
            .setParameter("student", studentId)
            .setParameter("course", courseId)
            .getSingleResult()
        > 0;
  }

  public boolean anyFor(UUID courseId) {
    return !em.createQuery("select e.id from Enrollment e where e.courseId = :course", UUID.class)
        .setParameter("course", courseId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** A student's enrolments, most recently active first. */
  public Page<Enrollment> ofStudent(UUID studentId, EnrollmentStatus status, PageRequest paging) {
    return page("e.studentId = :owner", studentId, status, paging);
  }

  /** A course's enrolments, newest first. */
  public Page<Enrollment> ofCourse(UUID courseId, EnrollmentStatus status, PageRequest paging) {
    return page("e.courseId = :owner", courseId, status, paging);
  }

  /** A course's live (active or completed) enrolments, oldest first (a stable roster order). */
  public Page<Enrollment> liveOfCourse(UUID courseId, PageRequest paging) {
    String filter = "e.courseId = :course and e.status in ('active', 'completed')";
    List<Enrollment> found =
        em.createQuery(
                "select e from Enrollment e where " + filter + " order by e.createdAt, e.id",
                Enrollment.class)
            .setParameter("course", courseId)
            .setFirstResult(paging.offset())
            .setMaxResults(paging.size())
            .getResultList();
    long total =
        em.createQuery("select count(e) from Enrollment e where " + filter, Long.class)
            .setParameter("course", courseId)
            .getSingleResult();
    return Page.of(found, paging, total);
  }

  private Page<Enrollment> page(
      String where, UUID owner, EnrollmentStatus status, PageRequest paging) {
    String filter = where + (status == null ? "" : " and e.status = :status");
    TypedQuery<Enrollment> items =
        em.createQuery(
            "select e from Enrollment e where " + filter + " order by e.updatedAt desc, e.id",
            Enrollment.class);
    TypedQuery<Long> count =
        em.createQuery("select count(e) from Enrollment e where " + filter, Long.class);
    for (TypedQuery<?> query : List.<TypedQuery<?>>of(items, count)) {
      query.setParameter("owner", owner);
      if (status != null) {
        query.setParameter("status", status.value());
      }
    }
    List<Enrollment> found =
        items.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList();
    return Page.of(found, paging, count.getSingleResult());
  }

  /**
   * Completions without a certificate yet, oldest first: read from the completion records, which
   * are written in the same transaction as the completion itself, so none is missed even when the
   * after-commit issuance did not run.
   */
  @SuppressWarnings("unchecked")
  public List<Enrollment> completedWithoutCertificate(int limit) {
    return em.createNativeQuery(
            """
            SELECT e.*
            FROM enrollment.course_completions c
            JOIN enrollment.enrollments e ON e.id = c.enrollment_id
            WHERE e.certificate_issued_at IS NULL
            ORDER BY c.completed_at, e.id
            LIMIT :limit
            """,
            Enrollment.class)
        .setParameter("limit", Math.max(1, Math.min(limit, 1000)))
        .getResultList();
  }
}
