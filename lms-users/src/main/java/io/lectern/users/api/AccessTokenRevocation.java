package io.lectern.users.api;

import java.util.UUID;

/**
 * Whether a signed, unexpired access token still speaks for its user. Access tokens carry the
 * user's token epoch from when they were issued; deactivation, a role change, signing out
 * everywhere and a password change bump the epoch on every server at once, so older tokens stop
 * working before they expire. Answered from memory on the hot path (no SQL on a cache hit).
 */
public interface AccessTokenRevocation {

  /** Name of the access-token claim holding the epoch the token was issued at. */
  String EPOCH_CLAIM = "token_epoch";

  /** The standing of a token of {@code userId} issued at {@code tokenEpoch}. */
  TokenStanding standing(UUID userId, long tokenEpoch);

  /** What the filter answers: go on, 401 revoked, or 401 deactivated. */
  enum TokenStanding {
    VALID,
    REVOKED,
    DEACTIVATED
  }
}
