package io.lectern.certificates.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.certificates.internal.CertificateService;
import io.lectern.certificates.web.CertificateResponses.CertificatePage;
import io.lectern.certificates.web.CertificateResponses.CertificateResponse;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/me/certificates")
@Tag(name = "Certificates", description = "Course certificates, public verification, revocation")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class MyCertificateResource {

  @Inject CertificateService certificates;
  @Context UriInfo uriInfo;

  @GET
  @Operation(
      summary = "My certificates",
      description = "Newest first, revoked ones included; paginated with Link headers.")
  @APIResponse(
      responseCode = "200",
      description = "One page of certificates",
      content = @Content(schema = @Schema(implementation = CertificatePage.class)))
  public Response mine(
      @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    PageRequest paging = PageRequest.fromQuery(page, size);
    return PagedResponse.of(
        certificates
            .mine(paging)
            .map(c -> CertificateResponse.of(c, certificates.verificationUrl(c))),
        uriInfo);
  }
}
