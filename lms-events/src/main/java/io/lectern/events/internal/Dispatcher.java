package io.lectern.events.internal;

import io.lectern.events.internal.WebhookRepository.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The transactional steps of delivery, each short and in its own transaction, so that no row lock
 * or connection is held while a receiver answers: claim (lock with SKIP LOCKED, lease, commit),
 * then record the outcome.
 */
@ApplicationScoped
public class Dispatcher {

  /** How long a claimed delivery stays with this node; longer than one HTTP call can take. */
  static final Duration LEASE = Duration.ofSeconds(60);

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject WebhookRepository webhooks;
  @Inject WebhookSettings settings;
  @Inject Clock clock;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Claim> claim(int limit) {
    Instant now = clock.instant();
    return webhooks.claim(limit, now, now.plus(LEASE));
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void succeeded(Claim claim, Instant at, int status, int durationMs) {
    webhooks.logAttempt(claim.subscriptionId(), claim.eventId(), at, status, durationMs, null);
    webhooks.delivered(claim.subscriptionId(), claim.eventId(), at, status, durationMs);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void failed(Claim claim, Instant at, Integer status, int durationMs, String error) {
    String shortError = error == null || error.length() <= 500 ? error : error.substring(0, 500);
    webhooks.logAttempt(
        claim.subscriptionId(), claim.eventId(), at, status, durationMs, shortError);
    webhooks.failed(
        claim.subscriptionId(),
        claim.eventId(),
        at,
        status,
        durationMs,
        shortError,
        at.plus(backoff(claim.attempts(), settings.retryBase(), settings.retryMax())),
        settings.maxAttempts(),
        settings.disableAfterFailures());
  }

  /**
   * Exponential backoff with jitter: base * 2^(attempt - 1), capped, then a random point between
   * half and all of it, so that receivers coming back are not hit by every node at once.
   */
  static Duration backoff(int attempt, Duration base, Duration max) {
    int exponent = Math.min(Math.max(0, attempt - 1), 30);
    long full = Math.min(max.toMillis(), base.toMillis() * (1L << exponent));
    long jittered = full / 2 + (long) (RANDOM.nextDouble() * (full - full / 2));
    return Duration.ofMillis(Math.max(1, jittered));
  }
}
