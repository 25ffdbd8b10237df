package io.lectern.certificates.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** What public verification shows of a certificate: what was certified, and its status. */
public record Verification(
    boolean valid,
    String status,
    String certificateNumber,
    String holderName,
    String courseTitle,
    LocalDate completionDate,
    Instant issuedAt,
    Instant revokedAt,
    String revocationReason) {

  public static Verification of(Certificate c) {
    return new Verification(
        !c.isRevoked(),
        statusOf(c),
        c.number(),
        c.holderName(),
        c.courseTitle(),
        completionDate(c),
        c.issuedAt(),
        c.revokedAt(),
        c.revocationReason());
  }

  public static String statusOf(Certificate c) {
    return c.isRevoked() ? "revoked" : "valid";
  }

  public static LocalDate completionDate(Certificate c) {
    return c.completedAt().atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
