package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing: too many failed sign-ins for one account, or from one address,
 * within the window answer 429 with the seconds until the failure that filled the quota leaves the
 * window. The failures live in PostgreSQL ({@link SignInFailures}), so every node counts the same
 * ones and a restart forgets nothing; the table is bounded by the window (see {@link
 * LimitCounterSweep}) and by the cost of a failed sign-in, which includes a full password hash.
 */
@ApplicationScoped
public class LoginThrottle {

  private IdentitySettings settings;
  private SignInFailures failures;
  private Clock clock;

  protected LoginThrottle() {}

  @Inject
  public LoginThrottle(IdentitySettings settings, SignInFailures failures, Clock clock) {
    this.settings = settings;
    this.failures = failures;
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
    failures.record(accountKey(email), addressKey(address), clock.instant());
  }

  public void recordSuccess(String email) {
    failures.forget(accountKey(email));
  }

  private long waitSeconds(String key, int limit, Instant now) {
    Duration window = settings.failureWindow();
    Optional<Instant> filling = failures.nthLatest(key, limit, now.minus(window));
    return filling.map(at -> secondsUntilFree(at, window, now)).orElse(0L);
  }

  /**
   * Seconds until the failure that filled the quota leaves the window, rounded up and at least one
   * (a failure exactly one window old has left it).
   */
  static long secondsUntilFree(Instant filling, Duration window, Instant now) {
    long millis = Duration.between(now, filling.plus(window)).toMillis();
    return Math.max(1, -Math.floorDiv(-millis, 1000));
  }

  static String accountKey(String email) {
    return "account:" + User.normalizeEmail(email == null ? "" : email);
  }

  static String addressKey(String address) {
    return "address:" + (address == null ? "unknown" : address);
  }
}
