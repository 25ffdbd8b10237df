package io.lectern.interchange.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.interchange.internal.CourseExporter;
import io.lectern.interchange.internal.CourseImporter;
import io.lectern.interchange.internal.InterchangeLimits;
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
import java.net.URI;
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
@Path("/api/v1/courses")
@Tag(name = "Course interchange", description = "IMS Common Cartridge import and export")
public class CourseInterchangeResource {

  static final String CARTRIDGE = "application/vnd.ims.imscc";
  static final String ZIP = "application/zip";

  @Inject CourseImporter importer;
  @Inject CourseExporter exporter;
  @Inject InterchangeLimits limits;

  @POST
  @Path("/import")
  @PackageUpload
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Import an IMS Common Cartridge as a new draft course",
      description =
          "multipart/form-data with `file`: a Common Cartridge 1.0-1.3 (`.imscc` or zip, Canvas"
              + " and Moodle flavours). The organization becomes nested lessons in order (at most"
              + " 3 levels; deeper items are placed at level 3 with a note), web content becomes"
              + " sanitised text lessons whose links to package files point at uploaded copies,"
              + " web links become text lessons with their URL, assignments assignment lessons and"
              + " QTI 1.2 assessments quiz lessons with their quiz and questions. Everything not"
              + " imported is listed in `skipped` with the reason. All or nothing: a refused"
              + " package creates nothing. Zip bombs, unsafe paths, DTDs and entities, oversized"
              + " documents and files that are not cartridges are refused (see the"
              + " LMS_INTERCHANGE_* limits).")
  @APIResponse(
      responseCode = "201",
      description = "The course was created; the report says what was imported",
      content = @Content(schema = @Schema(implementation = ImportReportResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "No file part, an entry path leaving the package, a DTD or malformed XML")
  @APIResponse(responseCode = "413", description = "Over a package limit (size, entries, ratio)")
  @APIResponse(responseCode = "415", description = "Not a zip archive or not a Common Cartridge")
  @APIResponse(responseCode = "422", description = "The package breaks a course or quiz rule")
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
                            description = "The cartridge (.imscc or .zip)")
                      })))
  public Response importCourse(List<EntityPart> parts) {
    byte[] upload = PackageParts.file(parts, limits.maxPackageBytes());
    ImportReportResponse report = ImportReportResponse.of(importer.importCourse(upload));
    return Response.created(URI.create("/api/v1/courses/" + report.courseId()))
        .entity(report)
        .build();
  }

  @GET
  @Path("/{id}/export")
  @Produces({CARTRIDGE, ZIP})
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Export a course as an IMS Common Cartridge 1.3",
      description =
          "For the course's instructor and admins. Text lessons become web content pages, link"
              + " lessons web links, quiz lessons QTI 1.2 assessments, files they link to web"
              + " resources; Lectern's own lesson attributes travel in `lectern/course.json` so"
              + " that the package imports back into an equivalent course. `Accept:"
              + " application/zip` gets the same bytes labelled as a zip.")
  @APIResponse(
      responseCode = "200",
      description = "The cartridge",
      content = {
        @Content(
            mediaType = CARTRIDGE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary"))
      })
  @APIResponse(responseCode = "403", description = "Not the course's instructor or an admin")
  @APIResponse(responseCode = "404", description = "No such course")
  public Response export(
      @PathParam("id") UUID id,
      @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
    CourseExporter.Export export = exporter.export(id);
    boolean zip =
        headers.getAcceptableMediaTypes().stream()
            .anyMatch(m -> m.isCompatible(MediaType.valueOf(ZIP)) && !m.isWildcardType());
    String type = zip ? ZIP : CARTRIDGE;
    String extension = zip ? ".zip" : ".imscc";
    return Response.ok(export.bytes(), type)
        .header("Content-Disposition", "attachment; filename=\"" + export.slug() + extension + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}
