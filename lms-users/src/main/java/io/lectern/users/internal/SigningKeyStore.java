package io.lectern.users.internal;

import io.lectern.shared.persistence.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The signing keys in {@code users.signing_keys}, shared by every server. Creating the first key
 * and rotating run under one advisory lock, so two servers starting together create one key, and a
 * rotation announces itself on {@link #CHANNEL} when it commits.
 */
@ApplicationScoped
public class SigningKeyStore {

  /** The notification channel; the payload is the new key's id. */
  public static final String CHANNEL = "lectern_signing_keys";

  /** A stored key as text: the private key possibly encrypted (see {@link PrivateKeyCodec}). */
  public record StoredKey(
      String kid, String publicKey, String privateKey, Instant activatesAt, Instant retiresAt) {}

  private static final String LOCK =
      "SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('lectern.signing_keys'))";

  private static final String LIVE =
      """
      SELECT kid, public_key, private_key, activates_at, retires_at
      FROM users.signing_keys
      WHERE retires_at IS NULL OR retires_at > :now
      ORDER BY activates_at DESC, kid
      """;

  private static final String ANY = "SELECT count(*) AS keys FROM users.signing_keys";

  private static final String INSERT =
      """
      INSERT INTO users.signing_keys (kid, public_key, private_key, created_at, activates_at)
      VALUES (:kid, :publicKey, :privateKey, :now, :activatesAt)
      ON CONFLICT (kid) DO NOTHING
      """;

  private static final String RETIRE_CURRENT =
      """
      UPDATE users.signing_keys SET retires_at = :retiresAt
      WHERE retires_at IS NULL AND kid <> :kid
      """;

  private static final String ANNOUNCE =
      "SELECT 1 AS sent FROM pg_notify('lectern_signing_keys', :kid)";

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /** The keys that still verify, newest first. */
  @Transactional
  public List<StoredKey> live(Instant now) {
    return Columns.rows(Columns.tupleQuery(em, LIVE).setParameter("now", now)).stream()
        .map(
            row ->
                new StoredKey(
                    (String) row.get("kid"),
                    (String) row.get("public_key"),
                    (String) row.get("private_key"),
                    Columns.instant(row, "activates_at"),
                    Columns.instant(row, "retires_at")))
        .toList();
  }

  /**
   * Stores {@code first} (asked for only if needed) as the active key when there is no key at all,
   * under the lock; returns the keys that verify.
   */
  @Transactional
  public List<StoredKey> ensureOne(Supplier<StoredKey> first, Instant now) {
    lock();
    if (Columns.longValue(Columns.single(Columns.tupleQuery(em, ANY)), "keys") == 0) {
      insert(first.get(), now);
    }
    return live(now);
  }

  /**
   * Makes {@code next} the signing key from its activation on; every key signing until then
   * verifies until {@code retiresAt}. Every server hears of it on commit.
   */
  @Transactional
  public void rotate(StoredKey next, Instant now, Instant retiresAt) {
    lock();
    insert(next, now);
    em.createNativeQuery(RETIRE_CURRENT)
        .setParameter("retiresAt", retiresAt)
        .setParameter("kid", next.kid())
        .executeUpdate();
    Columns.single(Columns.tupleQuery(em, ANNOUNCE).setParameter("kid", next.kid()));
  }

  private void lock() {
    Columns.single(Columns.tupleQuery(em, LOCK));
  }

  private void insert(StoredKey key, Instant now) {
    em.createNativeQuery(INSERT)
        .setParameter("kid", key.kid())
        .setParameter("publicKey", key.publicKey())
        .setParameter("privateKey", key.privateKey())
        .setParameter("now", now)
        .setParameter("activatesAt", key.activatesAt())
        .executeUpdate();
  }
}
