package io.lectern.certificates.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Issues one enrolment's certificate in a transaction of its own. */
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

  @Inject Enrollments enrollments;
  @Inject UserDirectory users;
  @Inject CourseCatalog catalog;
  @Inject CertificateRepository certificates;
  @Inject FileService files;
  @Inject CertificateSettings settings;
  @Inject Clock clock;

  /**
   * Issues the certificate of a completed enrolment, with its PDF, and records the issue time on
   * the enrolment; an enrolment that already has one only gets the issue time recorded (if that was
   * lost).
   *
   * <p>The enrolment row is only touched at the end, by {@code recordCertificateIssued}, which
   * locks and reads it fresh: progress calls may still update the enrolment meanwhile, and an
   * earlier read in this transaction would make that lock fail on a stale version.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Outcome> issue(Completion enrollment) {
    UUID enrollmentId = enrollment.enrollmentId();
    Optional<Certificate> existing = certificates.findByEnrollment(enrollmentId);
    if (existing.isPresent()) {
      enrollments.recordCertificateIssued(enrollmentId, existing.get().issuedAt());
      return Optional.of(new Outcome(existing.get().id(), false));
    }
    String holder =
        users
            .find(enrollment.studentId())
            .map(UserView::fullName)
            .orElseThrow(() -> new IllegalStateException("The enrolment's student is unknown"));
    String course =
        catalog
            .findCourse(enrollment.courseId())
            .map(CourseView::title)
            .orElseThrow(() -> new IllegalStateException("The enrolment's course is unknown"));
    UUID id = UUID.randomUUID();
    String number = CertificateNumbers.next();
    Instant now = clock.instant();
    boolean inserted =
        certificates.insertIfAbsent(
            id,
            enrollmentId,
            enrollment.studentId(),
            enrollment.courseId(),
            number,
            holder,
            course,
            enrollment.completedAt(),
            now);
    if (!inserted) {
      // Another transaction issued it between our check and our insert, and has committed.
      return certificates.findByEnrollment(enrollmentId).map(c -> new Outcome(c.id(), false));
    }
    Certificate certificate = certificates.find(id).orElseThrow();
    byte[] pdf =
        CertificatePdf.render(
            new CertificatePdf.Content(
                holder,
                course,
                enrollment.completedAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                number,
                settings.verificationUrl(number)));
    UploadedFile file =
        files.storeGenerated(
            enrollment.studentId(),
            "certificate-" + number + ".pdf",
            "application/pdf",
            pdf,
            "certificates");
    certificate.attachPdf(file.id());
    if (!enrollments.recordCertificateIssued(enrollmentId, now)) {
      throw new IllegalStateException("The enrolment is gone or not completed");
    }
    return Optional.of(new Outcome(id, true));
  }
}
