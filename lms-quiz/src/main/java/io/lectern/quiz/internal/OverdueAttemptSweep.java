package io.lectern.quiz.internal;

import io.lectern.quiz.internal.AttemptRepository.SweepPosition;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Grades open attempts whose deadline (plus grace) has passed, every {@code lms.quiz.sweep.seconds}
 * (default 60), so that no timed attempt stays open forever even if its student never comes back.
 *
 * <p>Every node of a cluster runs it, with nothing shared but the database: each attempt is claimed
 * with {@code SELECT ... FOR UPDATE SKIP LOCKED} and graded in the same transaction, so two
 * sweepers (or a sweeper and a student's request) never grade one attempt twice, and one that finds
 * an attempt held by another moves on instead of waiting for it. No lock is kept in this JVM:
 * concurrent passes on one node behave exactly like passes on different nodes.
 */
@ApplicationScoped
public class OverdueAttemptSweep {

  private static final Logger LOG = Logger.getLogger(OverdueAttemptSweep.class.getName());
  static final int BATCH = 200;
  static final int MAX_ROUNDS = 50;

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

  /**
   * One pass over the attempts overdue now, in batches in deadline order (at most {@value
   * #MAX_ROUNDS} batches of {@value #BATCH}); returns how many this pass graded. Attempts that
   * another sweeper holds, or whose grading fails, are left for their holder or the next pass.
   */
  public int sweep() {
    int graded = 0;
    try {
      SweepPosition position = SweepPosition.START;
      for (int round = 0; round < MAX_ROUNDS; round++) {
        List<SweepPosition> batch = attempts.overdue(position, BATCH);
        for (SweepPosition attempt : batch) {
          graded += gradeOne(attempt);
          position = attempt;
        }
        if (batch.size() < BATCH) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The overdue quiz attempt sweep failed; it runs again later", e);
    }
    if (graded > 0) {
      LOG.fine("Graded overdue quiz attempts: " + graded);
    }
    return graded;
  }

  private int gradeOne(SweepPosition attempt) {
    try {
      return attempts.closeIfOverdue(attempt.id()) ? 1 : 0;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not grade overdue quiz attempt " + attempt.id(), e);
      return 0;
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
