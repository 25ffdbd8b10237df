package io.lectern.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshedTest {

  private static final Duration INTERVAL = Duration.ofSeconds(15);

  /** Runs nothing until told to: what a background executor looks like to the reader. */
  private final Queue<Runnable> pending = new ArrayDeque<>();

  private final Executor background = pending::add;
  private long now = 1_000_000_000L;

  private void advance(Duration by) {
    now += by.toNanos();
  }

  private void runPending() {
    while (!pending.isEmpty()) {
      pending.remove().run();
    }
  }

  @Test
  void readsNeverWaitAndStartAtMostOneLoad() {
    AtomicInteger loads = new AtomicInteger();
    Refreshed<Integer> value =
        new Refreshed<>("test", loads::incrementAndGet, background, INTERVAL, () -> now);

    assertThat(value.get()).as("nothing loaded yet").isNull();
    assertThat(value.current()).isNull();
    assertThat(value.get()).isNull();
    assertThat(pending).as("one load, however many reads").hasSize(1);

    runPending();
    assertThat(value.get()).isEqualTo(1);
    assertThat(value.current()).isTrue();
    assertThat(pending).as("not due before the interval has passed").isEmpty();
  }

  @Test
  void loadsAtMostOncePerInterval() {
    AtomicInteger loads = new AtomicInteger();
    Refreshed<Integer> value =
        new Refreshed<>("test", loads::incrementAndGet, Runnable::run, INTERVAL, () -> now);

    for (int second = 0; second < 60; second++) {
      value.get();
      value.get();
      advance(Duration.ofSeconds(1));
    }
    assertThat(loads).hasValue(4);
    assertThat(value.get()).isEqualTo(5);
  }

  @Test
  void aFailedLoadKeepsTheLastValueAndIsRetriedAfterTheInterval() {
    AtomicInteger loads = new AtomicInteger();
    boolean[] down = {false};
    Refreshed<Integer> value =
        new Refreshed<>(
            "test",
            () -> {
              if (down[0]) {
                throw new SQLException("connection refused");
              }
              return 42 + loads.getAndIncrement();
            },
            Runnable::run,
            INTERVAL,
            () -> now);
    assertThat(value.get()).isEqualTo(42);
    assertThat(value.current()).isTrue();

    down[0] = true;
    advance(INTERVAL);
    assertThat(value.get()).as("last value kept").isEqualTo(42);
    assertThat(value.current()).isFalse();
    advance(Duration.ofSeconds(5));
    assertThat(value.current()).isFalse();

    down[0] = false;
    advance(Duration.ofSeconds(5));
    assertThat(value.get()).as("retried only after the interval").isEqualTo(42);
    advance(Duration.ofSeconds(5));
    assertThat(value.get()).isEqualTo(43);
    assertThat(value.current()).isTrue();
  }

  @Test
  void aFailureBeforeAnyValueLeavesNoValue() {
    Refreshed<Integer> value =
        new Refreshed<>(
            "test",
            () -> {
              throw new IllegalStateException("no database");
            },
            Runnable::run,
            INTERVAL,
            () -> now);
    assertThat(value.get()).isNull();
    assertThat(value.current()).isFalse();
  }

  @Test
  void aHangingLoadMakesTheValueNotCurrentAndStartsNoOther() {
    Refreshed<Integer> value = new Refreshed<>("test", () -> 7, background, INTERVAL, () -> now);
    value.get();
    runPending();
    assertThat(value.current()).isTrue();

    advance(INTERVAL);
    value.get(); // starts a load that does not finish
    assertThat(pending).hasSize(1);
    advance(Duration.ofSeconds(20));
    assertThat(value.current()).as("within two intervals").isTrue();
    advance(Duration.ofSeconds(11));
    assertThat(value.current()).isFalse();
    assertThat(value.get()).isEqualTo(7);
    assertThat(pending).as("no second load while one is running").hasSize(1);

    runPending();
    assertThat(value.current()).isTrue();
  }

  @Test
  void aRejectedLoadIsTriedAgainOnTheNextRead() {
    boolean[] stopping = {true};
    Executor executor =
        task -> {
          if (stopping[0]) {
            throw new RejectedExecutionException("stopping");
          }
          task.run();
        };
    Refreshed<Integer> value = new Refreshed<>("test", () -> 3, executor, INTERVAL, () -> now);
    assertThat(value.get()).isNull();
    stopping[0] = false;
    assertThat(value.get()).isEqualTo(3);
  }
}
