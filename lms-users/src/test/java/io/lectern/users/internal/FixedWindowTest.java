package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.users.api.RateLimitPolicy;
import io.lectern.users.api.RateLimitState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FixedWindowTest {

  private static final RateLimitPolicy WRITES = new RateLimitPolicy("writes", 3, 60, false);

  @Test
  void windowsStartAtWholeMultiplesOfTheirLength() {
    assertThat(FixedWindow.start(Instant.parse("2026-11-30T08:15:42.250Z"), 60))
        .isEqualTo(Instant.parse("2026-11-30T08:15:00Z"));
    assertThat(FixedWindow.start(Instant.parse("2026-11-30T08:15:00Z"), 60))
        .isEqualTo(Instant.parse("2026-11-30T08:15:00Z"));
    assertThat(FixedWindow.start(Instant.parse("2026-11-30T08:14:59.999Z"), 60))
        .isEqualTo(Instant.parse("2026-11-30T08:14:00Z"));
    assertThat(FixedWindow.start(Instant.parse("2026-11-30T08:16:59Z"), 900))
        .isEqualTo(Instant.parse("2026-11-30T08:15:00Z"));
  }

  @Test
  void hitsUpToTheQuotaAreAllowedAndCountDownTheRemainder() {
    Instant start = Instant.parse("2026-11-30T08:15:00Z");
    Instant now = start.plusSeconds(39);

    RateLimitState first = FixedWindow.state(WRITES, 1, start, now);
    RateLimitState last = FixedWindow.state(WRITES, 3, start, now);

    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(2);
    assertThat(first.resetSeconds()).isEqualTo(21);
    assertThat(last.allowed()).isTrue();
    assertThat(last.remaining()).isZero();
  }

  @Test
  void theHitAfterTheQuotaIsRefusedWithTheSecondsLeftInTheWindow() {
    Instant start = Instant.parse("2026-11-30T08:15:00Z");

    RateLimitState refused = FixedWindow.state(WRITES, 4, start, start.plusSeconds(39));

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.resetSeconds()).isEqualTo(21);
  }

  @Test
  void partSecondsRoundUpAndTheResetIsNeverZero() {
    Instant start = Instant.parse("2026-11-30T08:15:00Z");

    assertThat(FixedWindow.state(WRITES, 1, start, start.plusMillis(59_001)).resetSeconds())
        .isEqualTo(1);
    assertThat(FixedWindow.state(WRITES, 1, start, start.plusMillis(58_999)).resetSeconds())
        .isEqualTo(2);
    assertThat(FixedWindow.state(WRITES, 1, start, start).resetSeconds()).isEqualTo(60);
  }

  @Test
  void aWindowStoredByANodeWhoseClockIsAheadNeverPromisesMoreThanOneWindow() {
    Instant mine = Instant.parse("2026-11-30T08:15:59.500Z");
    Instant stored = Instant.parse("2026-11-30T08:16:00Z");

    RateLimitState state = FixedWindow.state(WRITES, 1, stored, mine);

    assertThat(state.resetSeconds()).isEqualTo(60);
  }
}
