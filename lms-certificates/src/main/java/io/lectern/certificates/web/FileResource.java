package io.lectern.certificates.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.certificates.internal.FileService;
import io.lectern.certificates.web.CertificateResponses.FileResponse;
import io.lectern.shared.error.LmsException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
@Path("/api/v1/files")
@Tag(name = "Files", description = "Uploads with content-detected types, metadata, downloads")
@Produces(MediaType.APPLICATION_JSON)
public class FileResource {

  /** Small text fields of the form (folder, public) are read up to this many bytes. */
  static final int MAX_FIELD_BYTES = 1024;

  @Inject FileService files;

  @POST
  @UploadLimited
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Upload a file",
      description =
          "multipart/form-data with `file` (required), `folder` (optional, e.g. `course/notes`)"
              + " and `public` (`true`/`false`, default false). The MIME type is detected from"
              + " the content (PDF, PNG, JPEG, GIF, WebP, MP4, Office documents, UTF-8 text),"
              + " never taken from the client; types outside LMS_FILES_ALLOWED_TYPES are 415,"
              + " files over LMS_FILES_MAX_BYTES (default 50 MB) are 413. The stored name is"
              + " generated; the client's file name is kept only as the download name.")
  @APIResponse(
      responseCode = "201",
      description = "The stored file",
      content = @Content(schema = @Schema(implementation = FileResponse.class)))
  @APIResponse(responseCode = "400", description = "No file part, empty file, bad folder or flag")
  @APIResponse(responseCode = "413", description = "Larger than the upload limit")
  @APIResponse(responseCode = "415", description = "A detected type that is not allowed")
  @APIResponse(
      responseCode = "503",
      description = "The object store does not answer (files.storage-unavailable); retry later")
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
                            description = "The file; its part's filename is kept as download name"),
                        @SchemaProperty(
                            name = "folder",
                            type = SchemaType.STRING,
                            maxLength = 255,
                            description = "Segments of letters, digits, - or _ separated by /"),
                        @SchemaProperty(
                            name = "public",
                            type = SchemaType.STRING,
                            enumeration = {"true", "false"},
                            description = "Readable without a token; default false")
                      })))
  public Response upload(List<EntityPart> parts) {
    EntityPart file = null;
    String folder = null;
    String isPublic = null;
    for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
      if (part.getName() == null) {
        throw LmsException.invalidField(
            "files.unnamed-part",
            "body",
            "every part needs a Content-Disposition header with a name (file, folder, public)");
      }
      switch (part.getName()) {
        case "file" -> file = file == null ? part : file;
        case "folder" -> folder = field(part, "folder");
        case "public" -> isPublic = field(part, "public");
        default -> {
          // Unknown form fields are ignored.
        }
      }
    }
    if (file == null) {
      throw LmsException.invalidField(
          "files.missing-file", "file", "Send the file as the multipart part named 'file'.");
    }
    FileResponse stored;
    try (InputStream content = file.getContent()) {
      stored =
          FileResponse.of(files.upload(file.getFileName().orElse(null), content, folder, isPublic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Response.created(URI.create("/api/v1/files/" + stored.id())).entity(stored).build();
  }

  @GET
  @Path("/{id}")
  @PermitAll
  @Operation(
      summary = "A file's metadata",
      description = "Public files for anyone; private ones for the uploader and admins (403).")
  @APIResponse(
      responseCode = "200",
      description = "The file's metadata",
      content = @Content(schema = @Schema(implementation = FileResponse.class)))
  @APIResponse(responseCode = "401", description = "A private file and no token")
  @APIResponse(responseCode = "403", description = "Someone else's private file")
  @APIResponse(responseCode = "404", description = "No such file")
  public FileResponse get(@PathParam("id") UUID id) {
    return FileResponse.of(files.get(id));
  }

  @GET
  @Path("/{id}/content")
  @PermitAll
  @Produces(MediaType.WILDCARD)
  @Operation(
      summary = "Download a file",
      description =
          "The content with its detected Content-Type, Content-Length and an attachment"
              + " Content-Disposition carrying the original name. Public files for anyone;"
              + " private ones for the uploader and admins.")
  @APIResponse(responseCode = "200", description = "The file's content")
  @APIResponse(responseCode = "401", description = "A private file and no token")
  @APIResponse(responseCode = "403", description = "Someone else's private file")
  @APIResponse(responseCode = "404", description = "No such file")
  @APIResponse(
      responseCode = "503",
      description = "The object store does not answer (files.storage-unavailable); retry later")
  public Response content(@PathParam("id") UUID id) {
    return Downloads.of(files.download(id));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Delete a file",
      description =
          "By its uploader or an admin; removes the row and the stored content. A certificate's"
              + " PDF cannot be deleted (409).")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "403", description = "Not the uploader")
  @APIResponse(responseCode = "404", description = "No such file")
  @APIResponse(responseCode = "409", description = "The file is a certificate's PDF")
  public Response delete(@PathParam("id") UUID id) {
    files.delete(id);
    return Response.noContent().build();
  }

  private static String field(EntityPart part, String name) {
    try (InputStream in = part.getContent()) {
      byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
      if (bytes.length > MAX_FIELD_BYTES) {
        throw LmsException.invalidField("files.field-too-long", name, "is too long");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
