package io.lectern.certificates.internal;

import io.lectern.certificates.api.CertificateIssuer;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issues a completed enrolment's certificate when asked (the events module asks for each {@code
 * enrollment.completed} event of the outbox, retrying failures) and reconciles: completed
 * enrolments without a certificate get theirs on the next pass, as a safety net.
 */
@ApplicationScoped
public class DefaultCertificateIssuer implements CertificateIssuer {

  private static final Logger LOG = Logger.getLogger(DefaultCertificateIssuer.class.getName());
  static final int BATCH = 50;
  static final int MAX_ROUNDS = 20;

  @Inject CertificateIssuance issuance;
  @Inject IssueClaims claims;
  @Inject Enrollments enrollments;

  @Override
  public Optional<UUID> issueFor(UUID enrollmentId) {
    return enrollments
        .find(enrollmentId)
        .filter(e -> e.completedAt() != null)
        .flatMap(e -> issuance.issue(CertificateIssuance.Completion.of(e)))
        .map(CertificateIssuance.Outcome::certificateId);
  }

  /**
   * Issues every missing certificate, in batches. Every node runs it; an enrolment that another
   * node (or the outbox consumer) is issuing at the moment is skipped, never waited for. Returns
   * how many certificates this pass created.
   */
  @Override
  public int reconcile() {
    int issued = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<EnrollmentView> missing = enrollments.completedWithoutCertificate(BATCH);
      int settled = 0;
      for (EnrollmentView enrollment : missing) {
        try {
          Optional<CertificateIssuance.Outcome> outcome =
              claims.issueIfUnclaimed(CertificateIssuance.Completion.of(enrollment)).outcome();
          if (outcome.isPresent()) {
            settled++;
            issued += outcome.get().created() ? 1 : 0;
          }
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Certificate for enrolment " + enrollment.id() + " failed", e);
        }
      }
      if (missing.size() < BATCH || settled == 0) {
        break;
      }
    }
    if (issued > 0) {
      LOG.info("Reconciliation issued " + issued + " missing certificate(s)");
    }
    return issued;
  }
}
