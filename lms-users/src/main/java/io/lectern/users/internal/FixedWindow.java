package io.lectern.users.internal;

import io.lectern.users.api.RateLimitPolicy;
import io.lectern.users.api.RateLimitState;
import java.time.Instant;

/**
 * Fixed-window arithmetic: windows start at multiples of the window length since the epoch, so
 * every node computes the same window for the same instant without talking to the others.
 */
final class FixedWindow {

  private FixedWindow() {}

  /** The start of the window that holds {@code now}. */
  static Instant start(Instant now, int windowSeconds) {
    long seconds = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
    return Instant.ofEpochSecond(seconds);
  }

  /**
   * The caller's standing after the counter of the window starting at {@code windowStart} reached
   * {@code hits}. The stored window may start later than this node's own (another node's clock is
   * ahead): the reset is then counted from the stored window, never less than one second.
   */
  static RateLimitState state(RateLimitPolicy policy, long hits, Instant windowStart, Instant now) {
    Instant end = windowStart.plusSeconds(policy.windowSeconds());
    long millisLeft = end.toEpochMilli() - now.toEpochMilli();
    long reset = Math.max(1, Math.min(-Math.floorDiv(-millisLeft, 1000), policy.windowSeconds()));
    long remaining = Math.max(0, policy.quota() - hits);
    return new RateLimitState(policy, remaining, reset, hits <= policy.quota());
  }
}
