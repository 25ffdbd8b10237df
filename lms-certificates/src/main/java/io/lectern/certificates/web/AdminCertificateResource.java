package io.lectern.certificates.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;

import io.lectern.certificates.api.CertificateIssuer;
import io.lectern.certificates.internal.CertificateService;
import io.lectern.certificates.web.CertificateResponses.CertificatePage;
import io.lectern.certificates.web.CertificateResponses.CertificateResponse;
import io.lectern.certificates.web.CertificateResponses.ReconcileResponse;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/admin/certificates")
@Tag(name = "Certificates", description = "Course certificates, public verification, revocation")
@RolesAllowed(ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminCertificateResource {

  @Inject CertificateService certificates;
  @Inject CertificateIssuer issuer;
  @Context UriInfo uriInfo;

  @GET
  @Operation(
      summary = "All certificates (admins)",
      description = "Newest first; filter by course, student and status; paginated.")
  @APIResponse(
      responseCode = "200",
      description = "One page of certificates",
      content = @Content(schema = @Schema(implementation = CertificatePage.class)))
  @APIResponse(responseCode = "400", description = "A malformed id, status or paging parameter")
  public Response list(
      @QueryParam("courseId") String courseId,
      @QueryParam("studentId") String studentId,
      @Parameter(description = "valid or revoked") @QueryParam("status") String status,
      @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    PageRequest paging = PageRequest.fromQuery(page, size);
    return PagedResponse.of(
        certificates
            .search(uuid("courseId", courseId), uuid("studentId", studentId), status, paging)
            .map(c -> CertificateResponse.of(c, certificates.verificationUrl(c))),
        uriInfo);
  }

  @POST
  @Path("/{id}/revoke")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Revoke a certificate (admins)",
      description =
          "`{reason}` is required (up to 1000 characters). Records who revoked it and when;"
              + " verification shows the revocation at once. Revoking twice is 409.")
  @APIResponse(
      responseCode = "200",
      description = "The revoked certificate",
      content = @Content(schema = @Schema(implementation = CertificateResponse.class)))
  @APIResponse(responseCode = "400", description = "Missing or blank reason")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "No such certificate")
  @APIResponse(responseCode = "409", description = "Already revoked")
  public CertificateResponse revoke(
      @PathParam("id") UUID id, @NotNull @Valid CertificateInputs.Revoke body) {
    var certificate = certificates.revoke(id, body.reason());
    return CertificateResponse.of(certificate, certificates.verificationUrl(certificate));
  }

  @POST
  @Path("/reconcile")
  @Operation(
      summary = "Issue missing certificates now (admins)",
      description =
          "Runs the reconciliation pass that also runs at start-up and every"
              + " LMS_CERTIFICATES_RECONCILE_SECONDS: every completed enrolment without a"
              + " certificate gets one. Answers how many this call issued.")
  @APIResponse(
      responseCode = "200",
      description = "How many certificates were issued",
      content = @Content(schema = @Schema(implementation = ReconcileResponse.class)))
  public ReconcileResponse reconcile() {
    return new ReconcileResponse(issuer.reconcile());
  }

  private static UUID uuid(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw LmsException.invalidField("certificates.invalid-filter", name, "must be a UUID");
    }
  }
}
