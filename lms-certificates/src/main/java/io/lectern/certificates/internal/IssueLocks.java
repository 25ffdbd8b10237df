package io.lectern.certificates.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * PostgreSQL's transaction-level advisory lock on an enrolment's certificate: held until the
 * current transaction ends (commit, rollback, or the connection closing when a node dies), never
 * waited for.
 */
@ApplicationScoped
public class IssueLocks {

  /** The first key of the two-key advisory lock space: "certificate issue" ('cert' in ASCII). */
  static final int LOCK_SPACE = 0x63657274;

  private static final String TRY_LOCK =
      """
      SELECT pg_try_advisory_xact_lock(:space, :key) AS claimed
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /** Takes the enrolment's lock for the current transaction; false if another holds it. */
  public boolean tryHold(UUID enrollmentId) {
    Object claimed =
        em.createNativeQuery(TRY_LOCK)
            .setParameter("space", LOCK_SPACE)
            .setParameter("key", keyOf(enrollmentId))
            .getSingleResult();
    return Boolean.TRUE.equals(claimed);
  }

  /** 32 bits of the enrolment id; a collision only makes two enrolments take turns. */
  static int keyOf(UUID enrollmentId) {
    return enrollmentId.hashCode();
  }
}
