package io.lectern.shared.persistence;

import io.lectern.shared.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends reads that tolerate replication lag to the read replica ({@code LMS_DB_READ_URL}), and
 * everything else to the primary. Which reads qualify is decided here, in one place (see ADR 16):
 *
 * <ul>
 *   <li>{@link #publicRead}: public pages (catalogue, course detail, certificate verification) go
 *       to the replica only for anonymous callers. A signed-in caller may be reading right after
 *       their own write, possibly on another node, so they stay on the primary (read-your-writes
 *       without state shared between nodes).
 *   <li>{@link #lagTolerantRead}: aggregates over other people's activity (course analytics) go to
 *       the replica for everyone; a second of lag in an average is invisible.
 * </ul>
 *
 * <p>Repositories on these paths ask {@link #entityManager(EntityManager)} for the entity manager
 * to use: inside a routed read on this thread it is the replica's, otherwise the primary one they
 * were given. Without a replica configured nothing changes and no replica connection is opened.
 * When the replica cannot be reached the read is run again on the primary and the replica is left
 * alone for {@link #REPLICA_BACKOFF}, so an outage of the replica costs no request.
 */
@ApplicationScoped
public class ReplicaReads {

  static final Duration REPLICA_BACKOFF = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(ReplicaReads.class.getName());

  /** The replica's entity manager while a routed read runs on this thread. */
  private static final ThreadLocal<EntityManager> ROUTED = new ThreadLocal<>();

  @PersistenceUnit(unitName = "read")
  EntityManagerFactory replica;

  @Inject
  @ConfigProperty(name = "lms.db.read.url")
  Optional<String> readUrl;

  @Inject
  @ConfigProperty(name = "lms.db.url")
  Optional<String> primaryUrl;

  @Inject CurrentUser caller;
  @Inject Clock clock;

  private boolean enabled;
  private volatile Instant replicaAvoidedUntil = Instant.MIN;

  @PostConstruct
  void decide() {
    enabled = ReplicaRouting.configured(readUrl.orElse(null), primaryUrl.orElse(null));
    if (enabled) {
      LOG.info("Read replica configured: lag-tolerant reads go to LMS_DB_READ_URL.");
    }
  }

  /** Whether a replica is configured (LMS_DB_READ_URL set to another database than the primary). */
  public boolean enabled() {
    return enabled;
  }

  /** A public read: on the replica for anonymous callers, on the primary for signed-in ones. */
  public <T> T publicRead(Supplier<T> read) {
    return route(!signedIn(), read);
  }

  /** A read of aggregates that tolerate lag: on the replica for every caller. */
  public <T> T lagTolerantRead(Supplier<T> read) {
    return route(true, read);
  }

  /**
   * The entity manager a read should use: the replica's inside a routed read, else {@code primary}.
   */
  public EntityManager entityManager(EntityManager primary) {
    EntityManager routed = ROUTED.get();
    return routed != null ? routed : primary;
  }

  private <T> T route(boolean eligible, Supplier<T> read) {
    if (!ReplicaRouting.useReplica(enabled, eligible, ROUTED.get() != null)
        || clock.instant().isBefore(replicaAvoidedUntil)) {
      return read.get();
    }
    EntityManager em = replica.createEntityManager();
    ROUTED.set(em);
    try {
      return read.get();
    } catch (RuntimeException e) {
      if (!ReplicaRouting.isReplicaUnavailable(e)) {
        throw e;
      }
      replicaAvoidedUntil = clock.instant().plus(REPLICA_BACKOFF);
      LOG.log(
          Level.WARNING,
          "Read replica unavailable ({0}); reading from the primary for the next {1} s.",
          new Object[] {ReplicaRouting.rootMessage(e), REPLICA_BACKOFF.toSeconds()});
      ROUTED.remove();
      return read.get();
    } finally {
      ROUTED.remove();
      em.close();
    }
  }

  private boolean signedIn() {
    try {
      return caller.isAuthenticated();
    } catch (ContextNotActiveException e) {
      // Outside a request (a scheduled job): nobody to protect from lag, but no reason to route.
      return true;
    }
  }
}
