package io.lectern.certificates.internal;

import io.lectern.certificates.api.event.CertificateRevoked;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.persistence.ReplicaReads;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Reading certificates (holder and admins), public verification, and revocation by admins. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CertificateService {

  @Inject CertificateRepository certificates;
  @Inject FileRepository fileRows;
  @Inject FileService files;
  @Inject CertificateSettings settings;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;
  @Inject ReplicaReads reads;
  @Inject Event<CertificateRevoked> revoked;

  public Page<Certificate> mine(PageRequest paging) {
    return certificates.ofStudent(currentUser.id(), paging);
  }

  public Certificate get(UUID id) {
    Certificate certificate = certificates.find(id).orElseThrow(CertificateErrors::notFound);
    if (!currentUser.isAdmin() && !certificate.isOwnedBy(currentUser.id())) {
      throw CertificateErrors.forbidden();
    }
    return certificate;
  }

  /** The certificate's PDF, for its holder and admins. */
  public FileService.Download pdf(UUID id) {
    Certificate certificate = get(id);
    UploadedFile file =
        Optional.ofNullable(certificate.pdfFileId())
            .flatMap(fileRows::find)
            .orElseThrow(CertificateErrors::pdfMissing);
    return files.open(file);
  }

  /**
   * Public: the certificate with this number (as a person may type it); empty if none. Anonymous
   * checks are served by the read replica when one is configured.
   */
  public Optional<Verification> verify(String number) {
    return reads.publicRead(
        () ->
            CertificateNumbers.normalize(number)
                .flatMap(certificates::findByNumber)
                .map(Verification::of));
  }

  public Page<Certificate> search(
      UUID courseId, UUID studentId, String status, PageRequest paging) {
    Boolean revoked;
    if (status == null || status.isBlank()) {
      revoked = null;
    } else if (status.equals("valid")) {
      revoked = false;
    } else if (status.equals("revoked")) {
      revoked = true;
    } else {
      throw LmsException.invalidField(
          "certificates.invalid-status", "status", "must be valid or revoked");
    }
    return certificates.search(courseId, studentId, revoked, paging);
  }

  /** Revokes the certificate (admins); recorded with who, when and why. Twice is a 409. */
  @Transactional
  public Certificate revoke(UUID id, String reason) {
    Certificate certificate = certificates.lock(id).orElseThrow(CertificateErrors::notFound);
    if (!certificate.revoke(currentUser.id(), reason.strip(), clock.instant())) {
      throw CertificateErrors.alreadyRevoked();
    }
    revoked.fire(
        new CertificateRevoked(
            certificate.id(),
            certificate.number(),
            certificate.studentId(),
            certificate.courseId(),
            certificate.revocationReason(),
            certificate.revokedAt()));
    return certificate;
  }

  public String verificationUrl(Certificate certificate) {
    return settings.verificationUrl(certificate.number());
  }
}
