package io.lectern.certificates.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of files and certificates (see the README's configuration table).
 *
 * @param filesRoot where the local storage provider keeps uploaded files
 * @param maxUploadBytes the largest accepted upload (413 above it)
 * @param allowedTypes detected MIME types an upload may have (415 otherwise)
 * @param publicBaseUrl the server's public address, for verification URLs in PDFs and QR codes
 * @param reconcileEvery how often missing certificates are looked for (also once at start-up)
 */
public record CertificateSettings(
    Path filesRoot,
    long maxUploadBytes,
    Set<String> allowedTypes,
    String publicBaseUrl,
    Duration reconcileEvery) {

  public String verificationUrl(String certificateNumber) {
    return publicBaseUrl + "/verify/" + certificateNumber;
  }
}
