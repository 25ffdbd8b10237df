package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sign-in throttle on a real PostgreSQL, where every node keeps its failures. */
class LoginThrottleTest {

  private static final int PER_ACCOUNT = 3;
  private static final int PER_ADDRESS = 5;
  private static final Duration WINDOW = Duration.ofMinutes(15);

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final LoginThrottle throttle =
      new LoginThrottle(
          new IdentitySettings(
              "lectern-test",
              Duration.ofMinutes(15),
              Duration.ofDays(30),
              Path.of("unused"),
              PasswordHasher.MIN_ITERATIONS,
              PER_ACCOUNT,
              PER_ADDRESS,
              WINDOW),
          new SignInFailures(TestDatabase.get()),
          clock);

  @BeforeEach
  void emptyFailures() {
    TestDatabase.execute("TRUNCATE users.sign_in_failures");
  }

  /** Fails sign-in for the account from a different address each time. */
  private void failAccount(String email, int times) {
    for (int i = 0; i < times; i++) {
      throttle.recordFailure(email, "198.51.100." + i);
    }
  }

  private LmsException rejection(String email, String address) {
    LmsException rejected =
        catchThrowableOfType(LmsException.class, () -> throttle.check(email, address));
    assertThat(rejected).as("check(%s, %s) should be throttled", email, address).isNotNull();
    return rejected;
  }

  @Test
  void freshAccountPasses() {
    assertThatCode(() -> throttle.check("alice@example.com", "203.0.113.1"))
        .doesNotThrowAnyException();
  }

  @Test
  void failuresBelowTheAccountLimitStillPass() {
    failAccount("alice@example.com", PER_ACCOUNT - 1);

    assertThatCode(() -> throttle.check("alice@example.com", "203.0.113.1"))
        .doesNotThrowAnyException();
  }

  @Test
  void reachingTheAccountLimitIsRateLimited() {
    failAccount("alice@example.com", PER_ACCOUNT);

    LmsException rejected = rejection("alice@example.com", "203.0.113.1");

    assertThat(rejected.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(rejected.code()).isEqualTo("auth.too-many-attempts");
    assertThat(rejected.retryAfterSeconds()).isPositive().isLessThanOrEqualTo(WINDOW.toSeconds());
  }

  @Test
  void retryAfterCountsDownToWhenTheOldestFailureLeavesTheWindow() {
    failAccount("alice@example.com", 1);
    clock.advance(Duration.ofMinutes(5));
    failAccount("alice@example.com", PER_ACCOUNT - 1);

    LmsException rejected = rejection("alice@example.com", "203.0.113.1");

    assertThat(rejected.retryAfterSeconds())
        .isEqualTo(WINDOW.minus(Duration.ofMinutes(5)).toSeconds());
  }

  @Test
  void emailsAreComparedCaseInsensitively() {
    throttle.recordFailure("Alice@Example.COM", "198.51.100.1");
    throttle.recordFailure("alice@example.com", "198.51.100.2");
    throttle.recordFailure("  ALICE@EXAMPLE.COM ", "198.51.100.3");

    LmsException rejected = rejection("aLiCe@eXaMpLe.CoM", "203.0.113.1");

    assertThat(rejected.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
  }

  @Test
  void anotherAccountFromAnotherAddressIsNotAffected() {
    failAccount("alice@example.com", PER_ACCOUNT);

    assertThatCode(() -> throttle.check("bob@example.com", "203.0.113.99"))
        .doesNotThrowAnyException();
  }

  @Test
  void accountIsFreeAgainOnceTheWindowHasPassed() {
    failAccount("alice@example.com", PER_ACCOUNT);
    rejection("alice@example.com", "203.0.113.1");

    clock.advance(WINDOW.plusSeconds(1));

    assertThatCode(() -> throttle.check("alice@example.com", "203.0.113.1"))
        .doesNotThrowAnyException();
  }

  @Test
  void accountIsStillLimitedJustBeforeTheWindowEnds() {
    failAccount("alice@example.com", PER_ACCOUNT);

    clock.advance(WINDOW.minusSeconds(1));

    LmsException rejected = rejection("alice@example.com", "203.0.113.1");
    assertThat(rejected.retryAfterSeconds()).isEqualTo(1L);
  }

  @Test
  void recordSuccessClearsTheAccountsFailures() {
    failAccount("alice@example.com", PER_ACCOUNT);
    rejection("alice@example.com", "203.0.113.1");

    throttle.recordSuccess("ALICE@example.com");

    assertThatCode(() -> throttle.check("alice@example.com", "203.0.113.1"))
        .doesNotThrowAnyException();
    // a fresh count starts after the success: one more failure does not lock again
    throttle.recordFailure("alice@example.com", "203.0.113.1");
    assertThatCode(() -> throttle.check("alice@example.com", "203.0.113.1"))
        .doesNotThrowAnyException();
  }

  @Test
  void recordSuccessForOneAccountLeavesAnotherLocked() {
    failAccount("alice@example.com", PER_ACCOUNT);
    failAccount("carol@example.com", PER_ACCOUNT);

    throttle.recordSuccess("alice@example.com");

    rejection("carol@example.com", "203.0.113.1");
  }

  @Test
  void addressLimitTripsAcrossDifferentEmails() {
    String address = "192.0.2.44";
    for (int i = 0; i < PER_ADDRESS; i++) {
      throttle.recordFailure("user" + i + "@example.com", address);
    }

    LmsException rejected = rejection("someone-new@example.com", address);

    assertThat(rejected.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(rejected.retryAfterSeconds()).isPositive().isLessThanOrEqualTo(WINDOW.toSeconds());
    // each of those accounts is below its own limit, so from another address they pass
    assertThatCode(() -> throttle.check("user0@example.com", "192.0.2.45"))
        .doesNotThrowAnyException();
  }

  @Test
  void addressBelowItsLimitPasses() {
    String address = "192.0.2.44";
    for (int i = 0; i < PER_ADDRESS - 1; i++) {
      throttle.recordFailure("user" + i + "@example.com", address);
    }

    assertThatCode(() -> throttle.check("someone-new@example.com", address))
        .doesNotThrowAnyException();
  }

  @Test
  void failuresRecordedByAnotherNodeCountHere() {
    LoginThrottle otherNode =
        new LoginThrottle(
            new IdentitySettings(
                "lectern-test",
                Duration.ofMinutes(15),
                Duration.ofDays(30),
                Path.of("unused"),
                PasswordHasher.MIN_ITERATIONS,
                PER_ACCOUNT,
                PER_ADDRESS,
                WINDOW),
            new SignInFailures(TestDatabase.get()),
            clock);
    otherNode.recordFailure("alice@example.com", "198.51.100.1");
    throttle.recordFailure("alice@example.com", "198.51.100.2");
    otherNode.recordFailure("alice@example.com", "198.51.100.3");

    assertThat(rejection("alice@example.com", "203.0.113.1").kind())
        .isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(
            catchThrowableOfType(
                LmsException.class, () -> otherNode.check("alice@example.com", "203.0.113.1")))
        .isNotNull();
    otherNode.recordSuccess("alice@example.com");
    assertThatCode(() -> throttle.check("alice@example.com", "203.0.113.1"))
        .doesNotThrowAnyException();
  }

  @Test
  void theSweepDeletesFailuresThatLeftTheWindowAndKeepsLiveOnes() {
    throttle.recordFailure("old@example.com", "192.0.2.1");
    clock.advance(WINDOW.plusSeconds(1));
    failAccount("live@example.com", PER_ACCOUNT);

    int deleted = new SignInFailures(TestDatabase.get()).deleteUpTo(clock.instant().minus(WINDOW));

    // The old failure's account and address rows go; the live account's 3 failures (x2) stay.
    assertThat(deleted).isEqualTo(2);
    assertThat(TestDatabase.count("SELECT count(*) FROM users.sign_in_failures"))
        .isEqualTo(2L * PER_ACCOUNT);
    assertThat(rejection("live@example.com", "203.0.113.9").retryAfterSeconds()).isPositive();
  }
}
