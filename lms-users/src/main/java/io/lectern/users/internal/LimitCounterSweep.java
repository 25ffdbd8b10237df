package io.lectern.users.internal;

import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes request counters whose window has ended and sign-in failures that left their window,
 * every minute. Every node runs it; the deletes are idempotent, so several nodes sweeping at once
 * only repeat each other's work on a table of a few rows per active caller.
 */
@ApplicationScoped
public class LimitCounterSweep {

  private static final Logger LOG = Logger.getLogger(LimitCounterSweep.class.getName());
  static final long INTERVAL_SECONDS = 60;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject LimitCounters counters;
  @Inject SignInFailures failures;
  @Inject IdentitySettings identity;
  @Inject Clock clock;

  private ScheduledFuture<?> task;

  void schedule(@Observes @Priority(400) SchemaMigrated migrated) {
    if (task == null) {
      task =
          scheduler.scheduleWithFixedDelay(
              this::sweep, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }
  }

  void sweep() {
    try {
      Instant now = clock.instant();
      // A counter whose window started more than one window ago has ended (windows are 60 s).
      counters.deleteStartedBefore(now.minusSeconds(2L * RateLimitSettings.WINDOW_SECONDS));
      failures.deleteUpTo(now.minus(identity.failureWindow()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not delete ended rate-limit counters: " + e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
