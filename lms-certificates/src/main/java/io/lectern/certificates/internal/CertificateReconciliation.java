package io.lectern.certificates.internal;

import io.lectern.certificates.api.CertificateIssuer;
import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the reconciliation pass shortly after start-up (once the schema is migrated) and then every
 * {@code LMS_CERTIFICATES_RECONCILE_SECONDS}, on the server's managed scheduler.
 */
@ApplicationScoped
public class CertificateReconciliation {

  private static final Logger LOG = Logger.getLogger(CertificateReconciliation.class.getName());
  static final long FIRST_RUN_DELAY_SECONDS = 5;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject CertificateIssuer issuer;
  @Inject CertificateSettings settings;

  private ScheduledFuture<?> schedule;

  void start(@Observes @Priority(500) SchemaMigrated migrated) {
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::runOnce,
            FIRST_RUN_DELAY_SECONDS,
            settings.reconcileEvery().toSeconds(),
            TimeUnit.SECONDS);
  }

  void runOnce() {
    try {
      issuer.reconcile();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Certificate reconciliation failed; it runs again later", e);
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
