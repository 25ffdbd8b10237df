package io.lectern.certificates.internal;

import io.lectern.enrollment.api.EnrollmentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Issues one enrolment's certificate: prepares it, then stores it in a transaction of its own. */
@ApplicationScoped
public class CertificateIssuance {

  /** The enrolment's certificate and whether this call created it. */
  public record Outcome(UUID certificateId, boolean created) {}

  /** A completed enrolment, as the event or the enrolment view tells it. */
  public record Completion(UUID enrollmentId, UUID studentId, UUID courseId, Instant completedAt) {

    static Completion of(EnrollmentView view) {
      return new Completion(view.id(), view.studentId(), view.courseId(), view.completedAt());
    }
  }

  @Inject CertificateRecording recording;
  @Inject CertificateSettings settings;
  @Inject Clock clock;

  /**
   * Issues the certificate of a completed enrolment, with its PDF, and records the issue time on
   * the enrolment; an enrolment that already has one only gets the issue time recorded (if that was
   * lost). The PDF is rendered between short transactions, never inside one.
   */
  public Optional<Outcome> issue(Completion enrollment) {
    Optional<Outcome> existing = recording.existing(enrollment.enrollmentId());
    if (existing.isPresent()) {
      return existing;
    }
    CertificateRecording.Names names = recording.names(enrollment);
    String number = CertificateNumbers.next();
    byte[] pdf =
        CertificatePdf.render(
            new CertificatePdf.Content(
                names.holder(),
                names.course(),
                enrollment.completedAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                number,
                settings.verificationUrl(number)));
    return recording.store(
        new CertificateRecording.Prepared(
            UUID.randomUUID(),
            enrollment,
            number,
            names.holder(),
            names.course(),
            clock.instant(),
            pdf));
  }
}
