package io.lectern.users.internal;

import io.lectern.shared.persistence.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' token epochs in {@code users.users.token_epoch}. A bump announces itself on {@link
 * #CHANNEL} in the same transaction, so every server hears of it exactly when it commits (and never
 * of one that rolls back).
 */
@ApplicationScoped
public class TokenEpochs {

  /** The notification channel; the payload is the user's id. */
  public static final String CHANNEL = "lectern_token_epoch";

  private static final String CURRENT =
      """
      SELECT token_epoch AS epoch, is_active AS active
      FROM users.users
      WHERE id = :id
      """;

  private static final String BUMP =
      """
      WITH bumped AS (
        UPDATE users.users SET token_epoch = token_epoch + 1
        WHERE id = :id
        RETURNING id, token_epoch
      )
      SELECT b.token_epoch AS epoch
      FROM bumped b, LATERAL pg_notify('lectern_token_epoch', b.id::text) AS sent
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject Event<EpochBumped> bumped;

  /** This server's own bump: its cache forgets the user on commit, without waiting for NOTIFY. */
  public record EpochBumped(UUID userId) {}

  /** The user's epoch and activity now; empty if there is no such user. */
  public Optional<TokenEpochCache.EpochState> current(UUID userId) {
    return Columns.rows(Columns.tupleQuery(em, CURRENT).setParameter("id", userId)).stream()
        .findFirst()
        .map(
            row ->
                new TokenEpochCache.EpochState(
                    Columns.longValue(row, "epoch"), Boolean.TRUE.equals(row.get("active"))));
  }

  /**
   * Makes every access token of the user issued so far invalid, on every server once the caller's
   * transaction commits. Returns the new epoch (tokens issued from now on carry it).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public long bump(UUID userId) {
    // Pending entity changes of the user (a role, the active flag) are flushed first, so the row
    // is written in the order the service made its changes.
    em.flush();
    Tuple row = Columns.single(Columns.tupleQuery(em, BUMP).setParameter("id", userId));
    bumped.fire(new EpochBumped(userId));
    return Columns.longValue(row, "epoch");
  }
}
