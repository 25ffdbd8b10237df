package io.lectern.tutorials.api;

/**
 * What the certificate of a completed tutorial shows besides the user's name; all optional. The
 * title defaults to the tutorial id.
 */
public record CertificateDetails(String tutorialTitle, String difficulty, Integer durationMinutes) {

  public static final CertificateDetails NONE = new CertificateDetails(null, null, null);
}
