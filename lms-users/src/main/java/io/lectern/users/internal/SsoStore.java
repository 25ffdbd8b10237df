package io.lectern.users.internal;

import io.lectern.shared.persistence.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The single sign-on flow's short-lived state in PostgreSQL, so that any server can finish what
 * another began: sign-ins on their way to a provider, and the one-time codes handed to the front
 * end. Both are single use: taking one deletes it in the same statement, so two requests racing
 * with one value cannot both get it.
 */
@ApplicationScoped
public class SsoStore {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /** A sign-in sent to a provider, waiting for its callback. */
  public record PendingLogin(String provider, String nonce, String codeVerifier) {}

  @Transactional
  public void savePendingLogin(String state, PendingLogin login, Instant now, Instant expiresAt) {
    em.createNativeQuery(
            """
            DELETE FROM users.sso_login_attempts
             WHERE expires_at < :now
            """)
        .setParameter("now", time(now))
        .executeUpdate();
    em.createNativeQuery(
            """
            INSERT INTO users.sso_login_attempts
                   (state, provider, nonce, code_verifier, created_at, expires_at)
            VALUES (:state, :provider, :nonce, :verifier, :now, :expires)
            """)
        .setParameter("state", state)
        .setParameter("provider", login.provider())
        .setParameter("nonce", login.nonce())
        .setParameter("verifier", login.codeVerifier())
        .setParameter("now", time(now))
        .setParameter("expires", time(expiresAt))
        .executeUpdate();
  }

  /** Takes (deletes) the pending sign-in of {@code state}; empty if unknown, used or expired. */
  @Transactional
  public Optional<PendingLogin> takePendingLogin(String state, Instant now) {
    @SuppressWarnings("unchecked")
    List<Tuple> rows =
        em.createNativeQuery(
                """
                DELETE FROM users.sso_login_attempts
                 WHERE state = :state
                RETURNING provider, nonce, code_verifier, expires_at
                """,
                Tuple.class)
            .setParameter("state", state)
            .getResultList();
    return rows.stream()
        .filter(row -> Columns.instant(row, "expires_at").isAfter(now))
        .map(
            row ->
                new PendingLogin(
                    (String) row.get("provider"),
                    (String) row.get("nonce"),
                    (String) row.get("code_verifier")))
        .findFirst();
  }

  /** Stores a one-time code (by its hash) for the user; joins the caller's transaction. */
  @Transactional
  public void saveExchangeCode(String codeHash, UUID userId, Instant now, Instant expiresAt) {
    em.createNativeQuery(
            """
            DELETE FROM users.sso_exchange_codes
             WHERE expires_at < :now
            """)
        .setParameter("now", time(now))
        .executeUpdate();
    em.createNativeQuery(
            """
            INSERT INTO users.sso_exchange_codes
                   (code_hash, user_id, created_at, expires_at)
            VALUES (:hash, :user, :now, :expires)
            """)
        .setParameter("hash", codeHash)
        .setParameter("user", userId)
        .setParameter("now", time(now))
        .setParameter("expires", time(expiresAt))
        .executeUpdate();
  }

  /** Takes (deletes) a one-time code; the user it was issued for, if it was live. */
  @Transactional
  public Optional<UUID> takeExchangeCode(String codeHash, Instant now) {
    @SuppressWarnings("unchecked")
    List<Tuple> rows =
        em.createNativeQuery(
                """
                DELETE FROM users.sso_exchange_codes
                 WHERE code_hash = :hash
                RETURNING user_id, expires_at
                """,
                Tuple.class)
            .setParameter("hash", codeHash)
            .getResultList();
    return rows.stream()
        .filter(row -> Columns.instant(row, "expires_at").isAfter(now))
        .map(row -> Columns.uuid(row, "user_id"))
        .findFirst();
  }

  /** The user linked to the provider's subject, if any. */
  public Optional<UUID> linkedUser(String provider, String subject) {
    @SuppressWarnings("unchecked")
    List<Tuple> rows =
        em.createNativeQuery(
                """
                SELECT user_id
                  FROM users.external_identities
                 WHERE provider = :provider
                   AND subject = :subject
                """,
                Tuple.class)
            .setParameter("provider", provider)
            .setParameter("subject", subject)
            .getResultList();
    return rows.stream().map(row -> Columns.uuid(row, "user_id")).findFirst();
  }

  @Transactional
  public void link(String provider, String subject, UUID userId, String email, Instant now) {
    em.createNativeQuery(
            """
            INSERT INTO users.external_identities
                   (provider, subject, user_id, email, created_at, last_login_at)
            VALUES (:provider, :subject, :user, :email, :now, :now)
            """)
        .setParameter("provider", provider)
        .setParameter("subject", subject)
        .setParameter("user", userId)
        .setParameter("email", email)
        .setParameter("now", time(now))
        .executeUpdate();
  }

  @Transactional
  public void touch(String provider, String subject, Instant now) {
    em.createNativeQuery(
            """
            UPDATE users.external_identities
               SET last_login_at = :now
             WHERE provider = :provider
               AND subject = :subject
            """)
        .setParameter("provider", provider)
        .setParameter("subject", subject)
        .setParameter("now", time(now))
        .executeUpdate();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
