package io.lectern.certificates.internal;

import io.lectern.certificates.api.CertificateIssuer;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.enrollment.api.event.CourseCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issues a certificate when a course is completed, after the completing transaction committed, and
 * reconciles: completed enrolments without a certificate (an event lost because the server stopped
 * or the issue failed) get theirs on the next pass.
 */
@ApplicationScoped
public class DefaultCertificateIssuer implements CertificateIssuer {

  private static final Logger LOG = Logger.getLogger(DefaultCertificateIssuer.class.getName());
  static final int BATCH = 50;
  static final int MAX_ROUNDS = 20;

  @Inject CertificateIssuance issuance;
  @Inject IssueClaims claims;
  @Inject Enrollments enrollments;

  /** Runs only after the completion committed; a failure here is healed by reconciliation. */
  void onCourseCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CourseCompleted event) {
    try {
      // A reconciliation pass on another node may be issuing it already: then that one does.
      claims.issueIfUnclaimed(
          new CertificateIssuance.Completion(
              event.enrollmentId(), event.studentId(), event.courseId(), event.completedAt()));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Certificate for enrolment "
              + event.enrollmentId()
              + " not issued now; reconciliation will retry",
          e);
    }
  }

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
   * node (or this node's completion observer) is issuing at the moment is skipped, never waited
   * for. Returns how many certificates this pass created.
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
