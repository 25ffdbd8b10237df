package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: too many failed sign-ins for one account, or from one address,
 * within the window answer 429 with the seconds until the oldest failure leaves the window. Kept in
 * memory: one server's view, reset on restart, which is enough to make online guessing slow.
 */
@ApplicationScoped
public class LoginThrottle {

  static final int SWEEP_THRESHOLD = 10_000;

  /**
   * At most this many keys are tracked (a few MB): when a spray of distinct emails or addresses
   * fills the map within one window, the keys whose last failure is oldest are forgotten first.
   */
  static final int MAX_KEYS = 50_000;

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private volatile int nextSweepAt = SWEEP_THRESHOLD;
  private IdentitySettings settings;
  private Clock clock;

  protected LoginThrottle() {}

  @Inject
  public LoginThrottle(IdentitySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Fails with 429 when the account or the address has used up its failures. */
  public void check(String email, String address) {
    Instant now = clock.instant();
    long wait =
        Math.max(
            waitSeconds(accountKey(email), settings.maxFailuresPerAccount(), now),
            waitSeconds(addressKey(address), settings.maxFailuresPerAddress(), now));
    if (wait > 0) {
      throw LmsException.rateLimited(
          "auth.too-many-attempts",
          "Too many failed sign-in attempts. Try again in " + wait + " seconds.",
          wait);
    }
  }

  public void recordFailure(String email, String address) {
    Instant now = clock.instant();
    if (failures.size() >= nextSweepAt) {
      sweep(now);
      if (failures.size() >= MAX_KEYS) {
        forgetOldest(failures.size() - MAX_KEYS + MAX_KEYS / 10);
      }
      // Sweeping reads every key: at most once per SWEEP_THRESHOLD new keys, never per failure.
      nextSweepAt = Math.min(failures.size() + SWEEP_THRESHOLD, MAX_KEYS);
    }
    record(accountKey(email), now);
    record(addressKey(address), now);
  }

  /**
   * Drops keys whose failures have all left the window, so sprayed emails cannot grow the map
   * without bound. A failure recorded for a key in the same instant it is dropped may be lost; the
   * limits are a brake on guessing, not an exact count.
   */
  void sweep(Instant now) {
    failures
        .entrySet()
        .removeIf(
            entry -> {
              Deque<Instant> times = entry.getValue();
              synchronized (times) {
                prune(times, now);
                return times.isEmpty();
              }
            });
  }

  private void forgetOldest(int count) {
    failures.entrySet().stream()
        .map(entry -> Map.entry(entry.getKey(), lastFailure(entry.getValue())))
        .sorted(Map.Entry.comparingByValue())
        .limit(count)
        .map(Map.Entry::getKey)
        .toList()
        .forEach(failures::remove);
  }

  private static Instant lastFailure(Deque<Instant> times) {
    synchronized (times) {
      return times.isEmpty() ? Instant.MIN : times.peekLast();
    }
  }

  int trackedKeys() {
    return failures.size();
  }

  public void recordSuccess(String email) {
    failures.remove(accountKey(email));
  }

  private long waitSeconds(String key, int limit, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      prune(times, now);
      if (times.size() < limit) {
        return 0;
      }
      Instant freeAt = times.peekFirst().plus(settings.failureWindow());
      return Math.max(1, Duration.between(now, freeAt).toSeconds());
    }
  }

  private void record(String key, Instant now) {
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(settings.failureWindow());
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }

  private static String accountKey(String email) {
    return "account:" + User.normalizeEmail(email == null ? "" : email);
  }

  private static String addressKey(String address) {
    return "address:" + (address == null ? "unknown" : address);
  }
}
