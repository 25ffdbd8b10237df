package io.lectern.certificates.web;

import io.lectern.certificates.internal.Certificate;
import io.lectern.certificates.internal.UploadedFile;
import io.lectern.certificates.internal.Verification;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the files and certificates API. */
public final class CertificateResponses {

  private CertificateResponses() {}

  @Schema(name = "UploadedFile")
  public record FileResponse(
      UUID id,
      String originalName,
      @Schema(description = "Detected from the content, not taken from the client") String mimeType,
      String fileType,
      long size,
      @Schema(description = "Hex SHA-256 of the content") String sha256,
      @JsonbProperty("public") boolean publicFile,
      String folder,
      UUID uploaderId,
      Instant createdAt,
      String downloadUrl) {

    static FileResponse of(UploadedFile f) {
      return new FileResponse(
          f.id(),
          f.originalFilename(),
          f.mimeType(),
          f.fileType(),
          f.size(),
          f.sha256(),
          f.isPublic(),
          f.folder(),
          f.uploaderId(),
          f.createdAt(),
          f.fileUrl());
    }
  }

  @Schema(name = "Certificate")
  public record CertificateResponse(
      UUID id,
      String certificateNumber,
      UUID enrollmentId,
      UUID studentId,
      UUID courseId,
      String holderName,
      String courseTitle,
      LocalDate completionDate,
      Instant completedAt,
      Instant issuedAt,
      @Schema(enumeration = {"valid", "revoked"}) String status,
      Instant revokedAt,
      UUID revokedBy,
      String revocationReason,
      String pdfUrl,
      String verificationUrl) {

    static CertificateResponse of(Certificate c, String verificationUrl) {
      return new CertificateResponse(
          c.id(),
          c.number(),
          c.enrollmentId(),
          c.studentId(),
          c.courseId(),
          c.holderName(),
          c.courseTitle(),
          Verification.completionDate(c),
          c.completedAt(),
          c.issuedAt(),
          Verification.statusOf(c),
          c.revokedAt(),
          c.revokedBy(),
          c.revocationReason(),
          "/api/v1/certificates/" + c.id() + "/pdf",
          verificationUrl);
    }
  }

  @Schema(name = "CertificateVerification")
  public record VerificationResponse(
      boolean valid,
      @Schema(enumeration = {"valid", "revoked"}) String status,
      String certificateNumber,
      String holderName,
      String courseTitle,
      LocalDate completionDate,
      Instant issuedAt,
      Instant revokedAt,
      String revocationReason) {

    static VerificationResponse of(Verification v) {
      return new VerificationResponse(
          v.valid(),
          v.status(),
          v.certificateNumber(),
          v.holderName(),
          v.courseTitle(),
          v.completionDate(),
          v.issuedAt(),
          v.revokedAt(),
          v.revocationReason());
    }
  }

  /** Documents the page shape: {@code Page<CertificateResponse>}. */
  @Schema(name = "CertificatePage")
  public record CertificatePage(
      List<CertificateResponse> items, int page, int size, long totalItems, int totalPages) {}

  @Schema(name = "ReconciliationResult")
  public record ReconcileResponse(int issued) {}
}
