package io.lectern.users.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * This server's memory of users' token epochs (and whether they are active), so that checking an
 * access token costs a map lookup, not a query. Entries are dropped when another transaction
 * announces a change (NOTIFY, see {@link ClusterNotifications}); the cache is trusted only while
 * those announcements can arrive: when the listening connection is down, every check reads the
 * database.
 *
 * <p>Bounded: at most {@code maxEntries} users; when full, a tenth of the entries is dropped (in no
 * particular order), which costs one query per dropped user that comes back.
 */
public final class TokenEpochCache {

  /** A user's current epoch and whether the account is active. */
  public record EpochState(long epoch, boolean active) {}

  private final Map<UUID, EpochState> entries = new ConcurrentHashMap<>();
  private final Function<UUID, Optional<EpochState>> loader;
  private final int maxEntries;

  /**
   * Counts invalidations. A load that overlaps one may have read the value from before the change:
   * it is used for its own request but not kept.
   */
  private final AtomicLong invalidations = new AtomicLong();

  private volatile boolean trusted;

  /** Whether announcements can arrive right now (the listening connection proved alive). */
  private volatile BooleanSupplier announcementsArrive = () -> true;

  public TokenEpochCache(Function<UUID, Optional<EpochState>> loader, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.loader = loader;
    this.maxEntries = maxEntries;
  }

  /** Checked on every lookup besides the listening state: a connection may die silently. */
  public void trustOnlyWhile(BooleanSupplier condition) {
    this.announcementsArrive = condition;
  }

  /**
   * The user's state, as fresh as a token of {@code tokenEpoch} needs: a cached epoch older than
   * the token's means this server missed nothing yet but another server already issued from a newer
   * epoch, so it is read again. Empty if the user does not exist.
   */
  public Optional<EpochState> current(UUID userId, long tokenEpoch) {
    if (trusted()) {
      EpochState cached = entries.get(userId);
      if (cached != null && cached.epoch() >= tokenEpoch) {
        return Optional.of(cached);
      }
    }
    long before = invalidations.get();
    Optional<EpochState> loaded = loader.apply(userId);
    if (loaded.isPresent() && trusted()) {
      if (entries.size() >= maxEntries) {
        evictSome();
      }
      entries.put(userId, loaded.get());
      if (invalidations.get() != before) {
        entries.remove(userId, loaded.get());
      }
    }
    return loaded;
  }

  /** Another transaction changed this user's epoch or state. */
  public void invalidate(UUID userId) {
    invalidations.incrementAndGet();
    entries.remove(userId);
  }

  /** Forget everything, and trust the cache again: announcements can arrive. */
  public void listening() {
    invalidateAll();
    trusted = true;
  }

  /** Announcements cannot arrive: forget everything and read the database until they can. */
  public void notListening() {
    trusted = false;
    invalidateAll();
  }

  public boolean trusted() {
    return trusted && announcementsArrive.getAsBoolean();
  }

  public int size() {
    return entries.size();
  }

  private void invalidateAll() {
    invalidations.incrementAndGet();
    entries.clear();
  }

  private void evictSome() {
    int toDrop = Math.max(1, maxEntries / 10);
    Iterator<UUID> keys = entries.keySet().iterator();
    while (toDrop-- > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }
}
