package io.lectern.certificates.internal;

import io.lectern.certificates.api.event.CertificateIssued;
import io.lectern.certificates.internal.CertificateIssuance.Completion;
import io.lectern.certificates.internal.CertificateIssuance.Outcome;
import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional half of issuing a certificate: the row, its PDF file and the enrolment's issue
 * time are written together or not at all. The PDF is rendered before, outside any transaction, so
 * no database connection or row lock waits for it.
 */
@ApplicationScoped
public class CertificateRecording {

  /** A certificate ready to be stored: everything decided, the PDF rendered. */
  public record Prepared(
      UUID id,
      Completion completion,
      String number,
      String holderName,
      String courseTitle,
      Instant issuedAt,
      byte[] pdf) {}

  /** The names printed on the certificate, as they are at issue time. */
  public record Names(String holder, String course) {}

  @Inject CertificateRepository certificates;
  @Inject UserDirectory users;
  @Inject CourseCatalog catalog;
  @Inject FileService files;
  @Inject Enrollments enrollments;
  @Inject Event<CertificateIssued> issued;

  /**
   * The enrolment's certificate when one exists, recording its issue time on the enrolment (in case
   * that was lost); empty when none exists yet.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Outcome> existing(UUID enrollmentId) {
    Optional<Certificate> existing = certificates.findByEnrollment(enrollmentId);
    existing.ifPresent(c -> enrollments.recordCertificateIssued(enrollmentId, c.issuedAt()));
    return existing.map(c -> new Outcome(c.id(), false));
  }

  /**
   * The holder's and the course's names. Read in a transaction of its own: the caller may be an
   * outbox consumer or reconciliation, where no transaction is active.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Names names(Completion completion) {
    String holder =
        users
            .find(completion.studentId())
            .map(UserView::fullName)
            .orElseThrow(() -> new IllegalStateException("The enrolment's student is unknown"));
    String course =
        catalog
            .findCourse(completion.courseId())
            .map(CourseView::title)
            .orElseThrow(() -> new IllegalStateException("The enrolment's course is unknown"));
    return new Names(holder, course);
  }

  /**
   * Stores the certificate unless another transaction issued one for the enrolment first (then that
   * one is the outcome and the prepared PDF is dropped).
   *
   * <p>The enrolment row is only touched at the end, by {@code recordCertificateIssued}, which
   * locks and reads it fresh: progress calls may still update the enrolment meanwhile, and an
   * earlier read in this transaction would make that lock fail on a stale version.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Outcome> store(Prepared prepared) {
    Completion completion = prepared.completion();
    UUID enrollmentId = completion.enrollmentId();
    boolean inserted =
        certificates.insertIfAbsent(
            prepared.id(),
            enrollmentId,
            completion.studentId(),
            completion.courseId(),
            prepared.number(),
            prepared.holderName(),
            prepared.courseTitle(),
            completion.completedAt(),
            prepared.issuedAt());
    if (!inserted) {
      // Another transaction issued it between our check and our insert, and has committed.
      return certificates.findByEnrollment(enrollmentId).map(c -> new Outcome(c.id(), false));
    }
    Certificate certificate = certificates.find(prepared.id()).orElseThrow();
    UploadedFile file =
        files.storeGenerated(
            completion.studentId(),
            "certificate-" + prepared.number() + ".pdf",
            "application/pdf",
            prepared.pdf(),
            "certificates");
    certificate.attachPdf(file.id());
    if (!enrollments.recordCertificateIssued(enrollmentId, prepared.issuedAt())) {
      throw new IllegalStateException("The enrolment is gone or not completed");
    }
    issued.fire(
        new CertificateIssued(
            prepared.id(),
            prepared.number(),
            enrollmentId,
            completion.studentId(),
            completion.courseId(),
            prepared.issuedAt()));
    return Optional.of(new Outcome(prepared.id(), true));
  }
}
