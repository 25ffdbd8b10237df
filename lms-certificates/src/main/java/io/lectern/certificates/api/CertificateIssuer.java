package io.lectern.certificates.api;

import java.util.Optional;
import java.util.UUID;

/** Issues course certificates: once per completed enrolment, whoever asks first. */
public interface CertificateIssuer {

  /**
   * The enrolment's certificate, issuing it (with its PDF) if the enrolment is completed and has
   * none yet; empty for an unknown or not completed enrolment. Idempotent and safe to race.
   */
  Optional<UUID> issueFor(UUID enrollmentId);

  /**
   * Issues every certificate a completed enrolment is missing (a lost {@code CourseCompleted}
   * event); returns how many this call issued.
   */
  int reconcile();
}
