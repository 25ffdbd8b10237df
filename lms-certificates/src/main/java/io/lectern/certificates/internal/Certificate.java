package io.lectern.certificates.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A course certificate: one per completed enrolment, with what was certified (holder name and
 * course title at issue time) so that verification can show it. Revocation is final and records who
 * revoked it, when and why.
 */
@Entity
@Table(name = "certificates", schema = "certificates")
public class Certificate {

  @Id private UUID id;

  @Column(name = "enrollment_id", nullable = false)
  private UUID enrollmentId;

  @Column(name = "student_id", nullable = false)
  private UUID studentId;

  @Column(name = "course_id", nullable = false)
  private UUID courseId;

  @Column(name = "certificate_number", nullable = false, length = 100)
  private String number;

  @Column(name = "holder_name", nullable = false)
  private String holderName;

  @Column(name = "course_title", nullable = false, length = 500)
  private String courseTitle;

  @Column(name = "pdf_file_id")
  private UUID pdfFileId;

  @Column(name = "completion_date", nullable = false)
  private Instant completedAt;

  @Column(name = "issued_at", nullable = false)
  private Instant issuedAt;

  @Column(name = "is_revoked", nullable = false)
  private boolean revoked;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private UUID revokedBy;

  @Column(name = "revocation_reason", length = 1000)
  private String revocationReason;

  @Version private long version;

  protected Certificate() {}

  /** Revokes the certificate; false (and nothing changes) when it was already revoked. */
  public boolean revoke(UUID by, String reason, Instant now) {
    if (revoked) {
      return false;
    }
    revoked = true;
    revokedAt = now;
    revokedBy = by;
    revocationReason = reason;
    return true;
  }

  void attachPdf(UUID fileId) {
    this.pdfFileId = fileId;
  }

  public boolean isOwnedBy(UUID userId) {
    return studentId.equals(userId);
  }

  public UUID id() {
    return id;
  }

  public UUID enrollmentId() {
    return enrollmentId;
  }

  public UUID studentId() {
    return studentId;
  }

  public UUID courseId() {
    return courseId;
  }

  public String number() {
    return number;
  }

  public String holderName() {
    return holderName;
  }

  public String courseTitle() {
    return courseTitle;
  }

  public UUID pdfFileId() {
    return pdfFileId;
  }

  public Instant completedAt() {
    return completedAt;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public boolean isRevoked() {
    return revoked;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  public UUID revokedBy() {
    return revokedBy;
  }

  public String revocationReason() {
    return revocationReason;
  }
}
