package io.lectern.tutorials.web;

import io.lectern.tutorials.api.ImportReport;
import io.lectern.tutorials.api.TutorialCertificateView;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** The smaller response bodies of the tutorial API. */
public final class OtherResponses {

  private OtherResponses() {}

  /** The reset answer the client parses (it always expects JSON, never an empty 204). */
  @JsonbPropertyOrder({"success", "message"})
  public record ResetResponse(boolean success, String message) {
    static final ResetResponse DONE = new ResetResponse(true, "Progress reset successfully");
  }

  @JsonbPropertyOrder({"migrated", "failed", "errors"})
  public record ImportResponse(int migrated, int failed, List<ImportErrorResponse> errors) {

    static ImportResponse of(ImportReport report) {
      return new ImportResponse(
          report.migrated(),
          report.failed(),
          report.errors().stream()
              .map(e -> new ImportErrorResponse(e.index(), e.tutorialId(), e.message()))
              .toList());
    }
  }

  /** Why one record of a batch was not taken; {@code index} is its position in the batch. */
  @JsonbNillable
  @JsonbPropertyOrder({"index", "tutorialId", "message"})
  public record ImportErrorResponse(int index, String tutorialId, String message) {}

  @JsonbNillable
  @JsonbPropertyOrder({
    "certificateId",
    "tutorialId",
    "userId",
    "userName",
    "tutorialTitle",
    "difficulty",
    "durationMinutes",
    "issuedAt"
  })
  public record CertificateResponse(
      String certificateId,
      String tutorialId,
      String userId,
      String userName,
      String tutorialTitle,
      String difficulty,
      Integer durationMinutes,
      Instant issuedAt) {

    static CertificateResponse of(TutorialCertificateView view) {
      return new CertificateResponse(
          view.certificateId(),
          view.tutorialId(),
          view.userId().toString(),
          view.userName(),
          view.tutorialTitle(),
          view.difficulty(),
          view.durationMinutes(),
          view.issuedAt());
    }
  }
}
