package io.lectern.tutorials.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.shared.error.LmsException;
import io.lectern.tutorials.api.CertificateDetails;
import io.lectern.tutorials.api.ChapterUpdate;
import io.lectern.tutorials.api.ImportReport;
import io.lectern.tutorials.api.ImportReport.ImportError;
import io.lectern.tutorials.api.QuizResult;
import io.lectern.tutorials.api.TutorialProgressTracker;
import io.lectern.tutorials.internal.InputRules;
import io.lectern.tutorials.web.OtherResponses.CertificateResponse;
import io.lectern.tutorials.web.OtherResponses.ImportResponse;
import io.lectern.tutorials.web.OtherResponses.ResetResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The tutorial progress API of the existing web front end (seed 000 and API-CONTRACTS.md). Served
 * twice, at the seed's {@code /v1/tutorials/progress} and at {@code /api/v1/tutorials/progress}, by
 * the two subclasses; the handlers and their annotations live here once.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class TutorialProgressEndpoints {

  @Inject TutorialProgressTracker tracker;
  @Inject ProgressOwners owners;
  @Inject Validator validator;

  @GET
  @Path("/{tutorialId}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "A user's progress in a tutorial",
      description =
          "200 with the default object (nothing completed, lastWatchedAt null) when the user has"
              + " no progress yet.")
  @APIResponse(
      responseCode = "200",
      description = "The progress object",
      content = @Content(schema = @Schema(implementation = ProgressResponse.class)))
  @APIResponse(responseCode = "403", description = "userId names someone else")
  public ProgressResponse progress(
      @PathParam("tutorialId") @NotBlank @Size(max = 255) String tutorialId,
      @Parameter(description = "Absent: the caller. Someone else's id needs the admin role")
          @QueryParam("userId")
          String userId) {
    return ProgressResponse.of(tracker.progress(owners.resolve(userId), tutorialId));
  }

  @POST
  @Path("/{tutorialId}/chapter")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Report watch progress of a chapter",
      description =
          "Keeps the larger watch time, takes the new position, never un-completes a chapter and"
              + " only grows totalChapters; then recomputes the totals. Fractional seconds are"
              + " rounded to whole seconds.")
  @APIResponse(
      responseCode = "200",
      description = "The updated progress object",
      content = @Content(schema = @Schema(implementation = ProgressResponse.class)))
  @APIResponse(responseCode = "400", description = "Missing or invalid fields")
  @APIResponse(responseCode = "403", description = "userId names someone else")
  public ProgressResponse chapter(
      @PathParam("tutorialId") @NotBlank @Size(max = 255) String tutorialId,
      @NotNull @Valid TutorialRequests.ChapterRequest body) {
    UUID owner = owners.resolve(body.userId());
    return ProgressResponse.of(
        tracker.recordChapter(
            owner,
            tutorialId,
            new ChapterUpdate(
                body.chapterId(),
                body.watchTime(),
                body.completed(),
                body.lastPosition(),
                body.totalChapters())));
  }

  @POST
  @Path("/{tutorialId}/quiz")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Record a quiz result",
      description =
          "A repeat counts one more attempt, keeps the best score and stays passed once passed."
              + " attempts and completedAt sent by the client are ignored.")
  @APIResponse(
      responseCode = "200",
      description = "The updated progress object",
      content = @Content(schema = @Schema(implementation = ProgressResponse.class)))
  @APIResponse(responseCode = "400", description = "Missing or invalid fields, score > maxScore")
  @APIResponse(responseCode = "403", description = "userId names someone else")
  public ProgressResponse quiz(
      @PathParam("tutorialId") @NotBlank @Size(max = 255) String tutorialId,
      @NotNull @Valid TutorialRequests.QuizRequest body) {
    UUID owner = owners.resolve(body.userId());
    return ProgressResponse.of(
        tracker.recordQuiz(
            owner,
            tutorialId,
            new QuizResult(body.quizId(), body.score(), body.maxScore(), body.passed())));
  }

  @POST
  @Path("/{tutorialId}/complete")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Complete the tutorial and earn its certificate",
      description =
          "Needs at least 95 % of the chapters completed and every recorded quiz passed. Issues"
              + " the certificate once; repeating the call changes nothing.")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TutorialRequests.CompleteRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The progress object with certificateEarned true",
      content = @Content(schema = @Schema(implementation = ProgressResponse.class)))
  @APIResponse(responseCode = "404", description = "No progress for this tutorial")
  @APIResponse(responseCode = "409", description = "Not eligible yet; detail says why")
  public ProgressResponse complete(
      @PathParam("tutorialId") @NotBlank @Size(max = 255) String tutorialId, InputStream body) {
    // Read by hand so that an empty body means {} (the caller, no certificate details).
    TutorialRequests.CompleteRequest request = JsonBodies.completeRequestOf(JsonBodies.parse(body));
    Set<ConstraintViolation<TutorialRequests.CompleteRequest>> violations =
        validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    UUID owner = owners.resolve(request.userId());
    CertificateDetails details =
        new CertificateDetails(
            request.tutorialTitle(), request.difficulty(), request.durationMinutes());
    return ProgressResponse.of(tracker.complete(owner, tutorialId, details));
  }

  @DELETE
  @Path("/{tutorialId}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Reset a user's progress in a tutorial",
      description =
          "Forgets chapters, quiz scores and the certificate. userId may come in the query or in"
              + " a JSON body {\"userId\": ...}. Always answers with a JSON body.")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserIdBody.class)))
  @APIResponse(
      responseCode = "200",
      description = "{\"success\": true, \"message\": \"Progress reset successfully\"}",
      content = @Content(schema = @Schema(implementation = ResetResponse.class)))
  @APIResponse(responseCode = "403", description = "userId names someone else")
  public ResetResponse reset(
      @PathParam("tutorialId") @NotBlank @Size(max = 255) String tutorialId,
      @QueryParam("userId") String userId,
      InputStream body) {
    String bodyUserId = JsonBodies.userIdOf(JsonBodies.parse(body));
    tracker.reset(owners.resolve(userId, bodyUserId), tutorialId);
    return ResetResponse.DONE;
  }

  @GET
  @Path("/{tutorialId}/certificate")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(summary = "The certificate earned for a tutorial")
  @APIResponse(
      responseCode = "200",
      description = "The certificate",
      content = @Content(schema = @Schema(implementation = CertificateResponse.class)))
  @APIResponse(responseCode = "404", description = "No certificate earned for this tutorial")
  public CertificateResponse certificate(
      @PathParam("tutorialId") @NotBlank @Size(max = 255) String tutorialId,
      @QueryParam("userId") String userId) {
    return tracker
        .certificate(owners.resolve(userId), tutorialId)
        .map(CertificateResponse::of)
        .orElseThrow(
            () ->
                LmsException.notFound(
                    "tutorials.certificate-not-found",
                    "No certificate has been earned for tutorial '" + tutorialId + "'."));
  }

  @POST
  @Path("/import")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Move browser-stored progress in",
      description =
          "Takes up to 500 progress objects as the browser stored them (a JSON array, or"
              + " {\"records\": [...]}; a record may also be the raw localStorage string) and"
              + " merges each into the caller's progress with the usual rules; the records' own"
              + " userId is ignored. Totals and certificates are derived on the server. Sending"
              + " the same batch again changes nothing. One bad record fails only itself.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ImportBatchBody.class)))
  @APIResponse(
      responseCode = "200",
      description = "{migrated, failed, errors: [{index, tutorialId, message}]}",
      content = @Content(schema = @Schema(implementation = ImportResponse.class)))
  @APIResponse(responseCode = "400", description = "The body is not a batch")
  @APIResponse(responseCode = "413", description = "More than 500 records")
  public ImportResponse importProgress(InputStream body) {
    JsonBodies.Batch batch =
        JsonBodies.batch(JsonBodies.parse(body), InputRules.MAX_IMPORT_RECORDS);
    UUID owner = owners.resolve(batch.userId());
    ImportReport merged = tracker.importBrowserProgress(owner, batch.records());
    List<ImportError> errors = new ArrayList<>(batch.errors());
    errors.addAll(merged.errors());
    errors.sort(Comparator.comparingInt(ImportError::index));
    return ImportResponse.of(new ImportReport(merged.migrated(), errors.size(), errors));
  }

  /** Documents the optional DELETE body. */
  @Schema(name = "TutorialProgressOwner")
  record UserIdBody(String userId) {}

  /** Documents the import body (the plain-array form is accepted too). */
  @Schema(name = "TutorialProgressImport")
  record ImportBatchBody(
      String userId,
      @Schema(description = "Progress objects as the browser stored them")
          List<ProgressResponse> records) {}
}
