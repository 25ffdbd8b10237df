package io.lectern.quiz.internal;

import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Grades open attempts whose deadline (plus grace) has passed, every {@code lms.quiz.sweep.seconds}
 * (default 60), so that no timed attempt stays open forever even if its student never comes back.
 * Each attempt is graded in its own transaction under its row lock, so the sweep and a student's
 * request never grade one twice.
 */
@ApplicationScoped
public class OverdueAttemptSweep {

  private static final Logger LOG = Logger.getLogger(OverdueAttemptSweep.class.getName());
  private static final int BATCH = 200;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject AttemptService attempts;

  @Inject
  @ConfigProperty(name = "lms.quiz.sweep.seconds", defaultValue = "60")
  int intervalSeconds;

  private ScheduledFuture<?> task;

  void schedule(@Observes @Priority(300) SchemaMigrated migrated) {
    if (intervalSeconds <= 0 || task != null) {
      return;
    }
    task =
        scheduler.scheduleWithFixedDelay(
            this::sweep, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  /** One pass: grades up to a batch of overdue attempts; returns how many were looked at. */
  public int sweep() {
    int seen = 0;
    try {
      for (UUID id : attempts.overdue(BATCH)) {
        try {
          attempts.closeIfOverdue(id);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Could not grade overdue quiz attempt " + id, e);
        }
        seen++;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The overdue quiz attempt sweep failed", e);
    }
    return seen;
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
