package io.lectern.certificates.internal;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.persistence.ReplicaReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CertificateRepository {

  private static final String INSERT_IF_ABSENT =
      """
      INSERT INTO certificates.certificates
        (id, enrollment_id, student_id, course_id, certificate_number, holder_name, course_title,
         completion_date, issued_at)
      VALUES (:id, :enrollment, :student, :course, :number, :holderName, :courseTitle,
              :completedAt, :issuedAt)
      ON CONFLICT (enrollment_id) DO NOTHING
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject ReplicaReads reads;

  public Optional<Certificate> find(UUID id) {
    return Optional.ofNullable(em.find(Certificate.class, id));
  }

  public Optional<Certificate> lock(UUID id) {
    return Optional.ofNullable(em.find(Certificate.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  public Optional<Certificate> findByNumber(String number) {
    return reads
        .entityManager(em)
        .createQuery("select c from Certificate c where c.number = :number", Certificate.class)
        .setParameter("number", number)
        .getResultList()
        .stream()
        .findFirst();
  }

  public Optional<Certificate> findByEnrollment(UUID enrollmentId) {
    return em
        .createQuery(
            "select c from Certificate c where c.enrollmentId = :enrollment", Certificate.class)
        .setParameter("enrollment", enrollmentId)
        .getResultList()
        .stream()
        .findFirst();
  }

  /**
   * Inserts the certificate unless the enrolment already has one; true when this call inserted it.
   * A concurrent insert for the same enrolment waits for the other transaction and then does
   * nothing, so neither side fails and exactly one certificate exists.
   */
  public boolean insertIfAbsent(
      UUID id,
      UUID enrollmentId,
      UUID studentId,
      UUID courseId,
      String number,
      String holderName,
      String courseTitle,
      Instant completedAt,
      Instant issuedAt) {
    return em.createNativeQuery(INSERT_IF_ABSENT)
            .setParameter("id", id)
            .setParameter("enrollment", enrollmentId)
            .setParameter("student", studentId)
            .setParameter("course", courseId)
            .setParameter("number", number)
            .setParameter("holderName", holderName)
            .setParameter("courseTitle", courseTitle)
            .setParameter("completedAt", completedAt)
            .setParameter("issuedAt", issuedAt)
            .executeUpdate()
        == 1;
  }

  /** A student's certificates, newest first. */
  public Page<Certificate> ofStudent(UUID studentId, PageRequest paging) {
    Map<String, Map.Entry<String, Object>> where = new LinkedHashMap<>();
    where.put("c.studentId = :student", Map.entry("student", studentId));
    return page(where, paging);
  }

  /** Every certificate, newest first, optionally by course, student and revocation. */
  public Page<Certificate> search(
      UUID courseId, UUID studentId, Boolean revoked, PageRequest paging) {
    Map<String, Map.Entry<String, Object>> where = new LinkedHashMap<>();
    if (courseId != null) {
      where.put("c.courseId = :course", Map.entry("course", courseId));
    }
    if (studentId != null) {
      where.put("c.studentId = :student", Map.entry("student", studentId));
    }
    if (revoked != null) {
      where.put("c.revoked = :revoked", Map.entry("revoked", revoked));
    }
    return page(where, paging);
  }

  private Page<Certificate> page(Map<String, Map.Entry<String, Object>> where, PageRequest paging) {
    String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where.keySet());
    TypedQuery<Certificate> items =
        em.createQuery(
            "select c from Certificate c" + filter + " order by c.issuedAt desc, c.id",
            Certificate.class);
    TypedQuery<Long> count =
        em.createQuery("select count(c) from Certificate c" + filter, Long.class);
    List<TypedQuery<?>> queries = new ArrayList<>(List.of(items, count));
    for (TypedQuery<?> query : queries) {
      for (Map.Entry<String, Object> named : where.values()) {
        query.setParameter(named.getKey(), named.getValue());
      }
    }
    List<Certificate> found =
        items.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList();
    return Page.of(found, paging, count.getSingleResult());
  }
}
