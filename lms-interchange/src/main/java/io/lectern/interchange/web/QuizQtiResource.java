package io.lectern.interchange.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.interchange.internal.InterchangeLimits;
import io.lectern.interchange.internal.QtiService;
import io.lectern.interchange.web.InterchangeResponses.ImportReportResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/quizzes/{quizId}/qti")
@Tag(name = "Course interchange", description = "IMS Common Cartridge import and export")
public class QuizQtiResource {

  @Inject QtiService qti;
  @Inject InterchangeLimits limits;

  @POST
  @PackageUpload
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Import QTI items into a quiz",
      description =
          "For the course's instructor and admins. multipart/form-data with `file`: a QTI 2.1"
              + " package (zip with imsmanifest.xml, items in manifest order), a single QTI 2.1"
              + " assessmentItem, or a QTI 1.2 questestinterop document. Supported items are"
              + " appended to the quiz (choice, multiple response, true/false, text entry); the"
              + " rest is listed in `skipped`. All or nothing; the package limits of the course"
              + " import apply.")
  @APIResponse(
      responseCode = "200",
      description = "The questions were added; the report says what was imported",
      content = @Content(schema = @Schema(implementation = ImportReportResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "No file part, unsafe path, DTD or malformed XML")
  @APIResponse(responseCode = "403", description = "Not the course's instructor or an admin")
  @APIResponse(responseCode = "404", description = "No such quiz")
  @APIResponse(
      responseCode = "409",
      description = "The quiz has attempts; its questions are locked")
  @APIResponse(responseCode = "413", description = "Over a package limit")
  @APIResponse(responseCode = "415", description = "Not a zip or XML file, or no QTI items in it")
  @APIResponse(responseCode = "422", description = "The quiz would exceed its question limit")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      requiredProperties = "file",
                      properties = {
                        @SchemaProperty(
                            name = "file",
                            type = SchemaType.STRING,
                            format = "binary",
                            description = "A QTI 2.1 package or item, or a QTI 1.2 document")
                      })))
  public ImportReportResponse importItems(
      @PathParam("quizId") UUID quizId, List<EntityPart> parts) {
    byte[] upload = PackageParts.file(parts, limits.maxPackageBytes());
    return ImportReportResponse.of(qti.importInto(quizId, upload));
  }

  @GET
  @Produces("application/zip")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Export a quiz as a QTI 2.1 package",
      description =
          "For the course's instructor and admins: a zip with an IMS manifest and one"
              + " assessmentItem per question, in order.")
  @APIResponse(
      responseCode = "200",
      description = "The QTI 2.1 package",
      content =
          @Content(
              mediaType = "application/zip",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "403", description = "Not the course's instructor or an admin")
  @APIResponse(responseCode = "404", description = "No such quiz")
  public Response export(@PathParam("quizId") UUID quizId) {
    return Response.ok(qti.export(quizId), "application/zip")
        .header("Content-Disposition", "attachment; filename=\"quiz-" + quizId + "-qti21.zip\"")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}
