package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.users.api.RateLimitPolicy;
import io.lectern.users.api.RateLimitState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request counters on a real PostgreSQL, with two {@link DefaultRateLimits} standing for two
 * server nodes: each has its own counters object and clock, and they share only the database.
 */
class SharedRateLimitsTest {

  private static final RateLimitPolicy WRITES = new RateLimitPolicy("writes", 5, 60, false);

  private final MutableClock clockA = new MutableClock(Instant.parse("2026-11-30T08:15:10Z"));
  private final MutableClock clockB = new MutableClock(Instant.parse("2026-11-30T08:15:10Z"));
  private final RateLimitSettings settings = new RateLimitSettings(100, 5, 10, Map.of());
  private final DefaultRateLimits nodeA =
      new DefaultRateLimits(settings, new LimitCounters(TestDatabase.get()), clockA);
  private final DefaultRateLimits nodeB =
      new DefaultRateLimits(settings, new LimitCounters(TestDatabase.get()), clockB);
  private final String caller = "user:" + UUID.randomUUID();

  @BeforeEach
  void emptyCounters() {
    TestDatabase.execute("TRUNCATE users.rate_limit_counters");
  }

  @Test
  void theHitAfterTheQuotaIsRefusedWhicheverNodeCountedTheOthers() {
    List<RateLimitState> states = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      states.add((i % 2 == 0 ? nodeA : nodeB).hit(WRITES, caller));
    }
    RateLimitState sixth = nodeA.hit(WRITES, caller);

    assertThat(states).allMatch(RateLimitState::allowed);
    assertThat(states).extracting(RateLimitState::remaining).containsExactly(4L, 3L, 2L, 1L, 0L);
    assertThat(sixth.allowed()).isFalse();
    assertThat(sixth.remaining()).isZero();
    assertThat(sixth.resetSeconds()).isEqualTo(50);
    assertThat(TestDatabase.count("SELECT hits FROM users.rate_limit_counters")).isEqualTo(6);
  }

  @Test
  void anotherCallerAndAnotherClassCountApart() {
    for (int i = 0; i < 6; i++) {
      nodeA.hit(WRITES, caller);
    }

    assertThat(nodeB.hit(WRITES, "user:" + UUID.randomUUID()).allowed()).isTrue();
    assertThat(nodeB.hit(new RateLimitPolicy("reads", 5, 60, false), caller).remaining())
        .isEqualTo(4);
  }

  @Test
  void aNewWindowStartsTheCountAgain() {
    for (int i = 0; i < 6; i++) {
      nodeA.hit(WRITES, caller);
    }
    clockA.advance(Duration.ofSeconds(50));

    RateLimitState next = nodeA.hit(WRITES, caller);

    assertThat(next.allowed()).isTrue();
    assertThat(next.remaining()).isEqualTo(4);
    assertThat(next.resetSeconds()).isEqualTo(60);
  }

  @Test
  void aNodeWhoseClockLagsCountsIntoTheNewerWindowInsteadOfResettingIt() {
    clockA.advance(Duration.ofSeconds(50)); // node A is in the 08:16 window
    clockB.advance(Duration.ofSeconds(49)); // node B still in 08:15
    for (int i = 0; i < 3; i++) {
      nodeA.hit(WRITES, caller);
    }

    RateLimitState fromLaggingNode = nodeB.hit(WRITES, caller);
    RateLimitState backOnA = nodeA.hit(WRITES, caller);

    assertThat(fromLaggingNode.remaining()).isEqualTo(1);
    assertThat(backOnA.remaining()).isZero();
    assertThat(backOnA.allowed()).isTrue();
    assertThat(nodeA.hit(WRITES, caller).allowed()).isFalse();
  }

  @Test
  void concurrentHitsOnTwoNodesAreAllCounted() throws Exception {
    RateLimitPolicy wide = new RateLimitPolicy("writes", 1_000_000, 60, false);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> calls = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        DefaultRateLimits node = t % 2 == 0 ? nodeA : nodeB;
        calls.add(
            () -> {
              long allowed = 0;
              for (int i = 0; i < 250; i++) {
                allowed += node.hit(wide, caller).allowed() ? 1 : 0;
              }
              return allowed;
            });
      }
      long allowed = 0;
      for (Future<Long> result : pool.invokeAll(calls)) {
        allowed += result.get();
      }
      assertThat(allowed).isEqualTo(2_000);
    } finally {
      pool.shutdownNow();
    }
    assertThat(TestDatabase.count("SELECT hits FROM users.rate_limit_counters")).isEqualTo(2_000);
    assertThat(nodeB.hit(wide, caller).remaining()).isEqualTo(1_000_000 - 2_001);
  }

  @Test
  void theSweepForgetsEndedWindowsOnly() {
    nodeA.hit(WRITES, caller);
    clockB.advance(Duration.ofMinutes(5));
    nodeB.hit(WRITES, "user:" + UUID.randomUUID());
    LimitCounters counters = new LimitCounters(TestDatabase.get());

    int deleted = counters.deleteStartedBefore(clockB.instant().minusSeconds(120));

    assertThat(deleted).isEqualTo(1);
    assertThat(TestDatabase.count("SELECT count(*) FROM users.rate_limit_counters")).isEqualTo(1);
  }
}
