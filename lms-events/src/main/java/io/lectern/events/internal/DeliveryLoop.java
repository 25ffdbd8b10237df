package io.lectern.events.internal;

import io.lectern.events.internal.WebhookRepository.Claim;
import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls for due deliveries every {@code LMS_WEBHOOKS_POLL_MILLIS} on the server's managed
 * scheduler, and sends what it claims. Every node runs it; SKIP LOCKED and the leases keep them
 * from sending the same delivery at the same time.
 */
@ApplicationScoped
public class DeliveryLoop {

  private static final Logger LOG = Logger.getLogger(DeliveryLoop.class.getName());
  static final int BATCH = 20;

  /** Bounds one run, so a large backlog does not keep the scheduler thread forever. */
  static final int MAX_BATCHES_PER_RUN = 50;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Dispatcher dispatcher;
  @Inject WebhookSender sender;
  @Inject WebhookSettings settings;

  private ScheduledFuture<?> schedule;

  void start(@Observes @Priority(600) SchemaMigrated migrated) {
    long every = settings.poll().toMillis();
    schedule = scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
  }

  void runOnce() {
    try {
      for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        List<Claim> claims = dispatcher.claim(BATCH);
        if (claims.isEmpty()) {
          return;
        }
        for (Claim claim : claims) {
          sender.send(claim);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Webhook delivery run failed; it runs again later", e);
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
