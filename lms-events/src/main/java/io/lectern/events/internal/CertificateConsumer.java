package io.lectern.events.internal;

import io.lectern.certificates.api.CertificateIssuer;
import io.lectern.events.internal.ConsumerTasks.Task;
import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issues certificates from {@code enrollment.completed} events in the outbox. The task is written
 * with the completion, so it cannot be lost the way an after-commit observer's event could; a
 * failed issue is retried with backoff. Issuing is idempotent (one certificate per enrolment), so a
 * task run twice after a lost lease issues nothing more. The certificate module's periodic
 * reconciliation stays as the safety net.
 */
@ApplicationScoped
public class CertificateConsumer {

  private static final Logger LOG = Logger.getLogger(CertificateConsumer.class.getName());
  static final int BATCH = 10;
  static final int MAX_BATCHES_PER_RUN = 20;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject ConsumerTasks tasks;
  @Inject CertificateIssuer issuer;
  @Inject WebhookSettings settings;

  private ScheduledFuture<?> schedule;

  void start(@Observes @Priority(610) SchemaMigrated migrated) {
    long every = settings.poll().toMillis();
    schedule = scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
  }

  void runOnce() {
    try {
      for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        List<Task> claimed = tasks.claim(Consumers.CERTIFICATES, BATCH);
        if (claimed.isEmpty()) {
          return;
        }
        claimed.forEach(this::handle);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Certificate consumer run failed; it runs again later", e);
    }
  }

  void handle(Task task) {
    try {
      UUID enrollment;
      try (JsonReader reader = Json.createReader(new StringReader(task.payload()))) {
        enrollment = UUID.fromString(reader.readObject().getString("enrollmentId"));
      }
      // Empty when the enrolment is gone: nothing left to issue.
      issuer.issueFor(enrollment);
      tasks.done(task);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Certificate for event " + task.eventId() + " not issued now; retried later",
          e);
      tasks.retry(task, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
