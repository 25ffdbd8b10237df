package io.lectern.certificates.internal;

import io.lectern.shared.error.LmsException;

final class CertificateErrors {

  private CertificateErrors() {}

  static LmsException notFound() {
    return LmsException.notFound("certificates.not-found", "No certificate has this id.");
  }

  static LmsException forbidden() {
    return LmsException.forbidden(
        "certificates.forbidden", "Only the certificate's holder and admins may see it.");
  }

  static LmsException alreadyRevoked() {
    return LmsException.conflict(
        "certificates.already-revoked", "This certificate has already been revoked.");
  }

  static LmsException pdfMissing() {
    return LmsException.notFound(
        "certificates.pdf-missing", "The PDF of this certificate is not available.");
  }
}
