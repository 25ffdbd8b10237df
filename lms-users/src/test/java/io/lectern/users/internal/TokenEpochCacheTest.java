package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.users.internal.TokenEpochCache.EpochState;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenEpochCacheTest {

  /** Stands in for the users table: current epochs, and how often it was asked. */
  private final Map<UUID, EpochState> table = new ConcurrentHashMap<>();

  private final AtomicInteger reads = new AtomicInteger();
  private Runnable duringRead = () -> {};

  private Optional<EpochState> read(UUID id) {
    reads.incrementAndGet();
    duringRead.run();
    return Optional.ofNullable(table.get(id));
  }

  private TokenEpochCache listeningCache(int max) {
    TokenEpochCache cache = new TokenEpochCache(this::read, max);
    cache.listening();
    return cache;
  }

  @Test
  void aCachedEpochIsAnsweredWithoutReadingAgain() {
    UUID user = UUID.randomUUID();
    table.put(user, new EpochState(2, true));
    TokenEpochCache cache = listeningCache(10);

    assertThat(cache.current(user, 2)).contains(new EpochState(2, true));
    for (int i = 0; i < 1000; i++) {
      assertThat(cache.current(user, 1)).contains(new EpochState(2, true));
    }
    assertThat(reads).hasValue(1);
  }

  @Test
  void anAnnouncedChangeIsReadAgain() {
    UUID user = UUID.randomUUID();
    table.put(user, new EpochState(0, true));
    TokenEpochCache cache = listeningCache(10);
    cache.current(user, 0);

    table.put(user, new EpochState(1, false));
    cache.invalidate(user);

    assertThat(cache.current(user, 0)).contains(new EpochState(1, false));
    assertThat(reads).hasValue(2);
  }

  @Test
  void aTokenNewerThanTheCachedEpochMakesItReadAgain() {
    // Another server bumped and issued a token before this one heard of the bump.
    UUID user = UUID.randomUUID();
    table.put(user, new EpochState(3, true));
    TokenEpochCache cache = listeningCache(10);
    cache.current(user, 3);
    table.put(user, new EpochState(4, true));

    assertThat(cache.current(user, 4)).contains(new EpochState(4, true));
    assertThat(cache.current(user, 4)).contains(new EpochState(4, true));
    assertThat(reads).hasValue(2);
  }

  @Test
  void withoutListeningEveryCheckReadsTheDatabase() {
    UUID user = UUID.randomUUID();
    table.put(user, new EpochState(0, true));
    TokenEpochCache cache = new TokenEpochCache(this::read, 10);

    cache.current(user, 0);
    cache.current(user, 0);
    assertThat(reads).hasValue(2);
    assertThat(cache.size()).isZero();

    cache.listening();
    cache.current(user, 0);
    cache.current(user, 0);
    assertThat(reads).hasValue(3);

    cache.notListening();
    assertThat(cache.size()).isZero();
    assertThat(cache.trusted()).isFalse();
    cache.current(user, 0);
    assertThat(reads).hasValue(4);
  }

  @Test
  void aListeningConnectionThatStoppedProvingItselfAliveIsNotTrusted() {
    UUID user = UUID.randomUUID();
    table.put(user, new EpochState(0, true));
    TokenEpochCache cache = listeningCache(10);
    java.util.concurrent.atomic.AtomicBoolean alive =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    cache.trustOnlyWhile(alive::get);
    cache.current(user, 0);
    table.put(user, new EpochState(1, true)); // its announcement is stuck on a dead connection

    alive.set(false);

    assertThat(cache.trusted()).isFalse();
    assertThat(cache.current(user, 0)).contains(new EpochState(1, true));
    assertThat(reads).hasValue(2);
  }

  @Test
  void reconnectingForgetsEverything() {
    UUID user = UUID.randomUUID();
    table.put(user, new EpochState(0, true));
    TokenEpochCache cache = listeningCache(10);
    cache.current(user, 0);
    table.put(user, new EpochState(5, true)); // announced while the connection was down

    cache.listening();

    assertThat(cache.current(user, 0)).contains(new EpochState(5, true));
  }

  @Test
  void aValueReadWhileAChangeIsAnnouncedIsUsedOnceButNotKept() {
    UUID user = UUID.randomUUID();
    table.put(user, new EpochState(0, true));
    TokenEpochCache cache = listeningCache(10);
    // The read sees the old row; the bump commits and is announced before the read returns.
    duringRead =
        () -> {
          duringRead = () -> {};
          cache.invalidate(user);
        };

    assertThat(cache.current(user, 0)).contains(new EpochState(0, true));
    table.put(user, new EpochState(1, true));

    assertThat(cache.current(user, 0)).contains(new EpochState(1, true));
  }

  @Test
  void unknownUsersAreNotCached() {
    TokenEpochCache cache = listeningCache(10);
    UUID ghost = UUID.randomUUID();

    assertThat(cache.current(ghost, 0)).isEmpty();
    assertThat(cache.current(ghost, 0)).isEmpty();
    assertThat(cache.size()).isZero();
    assertThat(reads).hasValue(2);
  }

  @Test
  void theCacheNeverHoldsMoreThanItsBound() {
    TokenEpochCache cache = listeningCache(100);
    for (int i = 0; i < 10_000; i++) {
      UUID user = UUID.randomUUID();
      table.put(user, new EpochState(i, true));
      assertThat(cache.current(user, 0)).contains(new EpochState(i, true));
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
    assertThat(cache.size()).isGreaterThan(50);
  }
}
