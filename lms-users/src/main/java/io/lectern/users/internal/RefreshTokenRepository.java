package io.lectern.users.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public void add(RefreshToken token) {
    em.persist(token);
  }

  /** Locks the row, so that two concurrent refreshes with one token cannot both succeed. */
  public Optional<RefreshToken> findForUpdate(String jti) {
    return em
        .createQuery("select t from RefreshToken t where t.jti = :jti", RefreshToken.class)
        .setParameter("jti", jti)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .stream()
        .findFirst();
  }

  public int revokeFamily(UUID familyId, Instant now) {
    return em.createQuery(
            "update RefreshToken t set t.revokedAt = :now"
                + " where t.familyId = :family and t.revokedAt is null")
        .setParameter("now", now)
        .setParameter("family", familyId)
        .executeUpdate();
  }

  public int revokeAllOf(UUID userId, Instant now) {
    return em.createQuery(
            "update RefreshToken t set t.revokedAt = :now"
                + " where t.userId = :user and t.revokedAt is null")
        .setParameter("now", now)
        .setParameter("user", userId)
        .executeUpdate();
  }

  /** Revokes every session of the user except the login chain {@code keepFamily}. */
  public int revokeAllOfExcept(UUID userId, UUID keepFamily, Instant now) {
    return em.createQuery(
            "update RefreshToken t set t.revokedAt = :now"
                + " where t.userId = :user and t.revokedAt is null and t.familyId <> :keep")
        .setParameter("now", now)
        .setParameter("user", userId)
        .setParameter("keep", keepFamily)
        .executeUpdate();
  }
}
