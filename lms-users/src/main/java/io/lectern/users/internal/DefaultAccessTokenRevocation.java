package io.lectern.users.internal;

import io.lectern.users.api.AccessTokenRevocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Judges access tokens by their epoch against this server's cache of users' current epochs. */
@ApplicationScoped
public class DefaultAccessTokenRevocation implements AccessTokenRevocation {

  private TokenEpochCache cache;

  protected DefaultAccessTokenRevocation() {}

  @Inject
  public DefaultAccessTokenRevocation(TokenEpochs epochs, KeySettings settings) {
    this.cache = new TokenEpochCache(epochs::current, settings.epochCacheSize());
  }

  @Override
  public TokenStanding standing(UUID userId, long tokenEpoch) {
    Optional<TokenEpochCache.EpochState> state = cache.current(userId, tokenEpoch);
    if (state.isEmpty()) {
      return TokenStanding.REVOKED;
    }
    if (!state.get().active()) {
      return TokenStanding.DEACTIVATED;
    }
    return tokenEpoch < state.get().epoch() ? TokenStanding.REVOKED : TokenStanding.VALID;
  }

  /**
   * The request that made the change must not see its own server answer from the old entry until
   * the notification comes back, so the entry goes as soon as the transaction commits.
   */
  void onOwnBump(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokenEpochs.EpochBumped event) {
    cache.invalidate(event.userId());
  }

  TokenEpochCache cache() {
    return cache;
  }
}
