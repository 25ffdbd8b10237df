package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatcherTest {

  private static final Duration BASE = Duration.ofSeconds(5);
  private static final Duration MAX = Duration.ofHours(1);

  @Test
  void backoffDoublesWithJitterBetweenHalfAndAll() {
    for (int attempt = 1; attempt <= 8; attempt++) {
      long full = 5_000L << (attempt - 1);
      for (int i = 0; i < 200; i++) {
        long millis = Dispatcher.backoff(attempt, BASE, MAX).toMillis();
        assertThat(millis).as("attempt %d", attempt).isBetween(full / 2, full);
      }
    }
  }

  @Test
  void backoffIsCappedAndJitterSpreadsRetries() {
    for (int i = 0; i < 100; i++) {
      assertThat(Dispatcher.backoff(40, BASE, MAX)).isLessThanOrEqualTo(MAX);
    }
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> Dispatcher.backoff(6, BASE, MAX))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(10);
  }
}
