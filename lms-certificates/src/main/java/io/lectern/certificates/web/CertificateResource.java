package io.lectern.certificates.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.certificates.internal.CertificateService;
import io.lectern.certificates.internal.Verification;
import io.lectern.certificates.web.CertificateResponses.CertificateResponse;
import io.lectern.certificates.web.CertificateResponses.VerificationResponse;
import io.lectern.shared.error.LmsException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/certificates")
@Tag(name = "Certificates", description = "Course certificates, public verification, revocation")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

  @Inject CertificateService certificates;

  @GET
  @Path("/{id}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(summary = "A certificate", description = "For its holder and admins (403 otherwise).")
  @APIResponse(
      responseCode = "200",
      description = "The certificate",
      content = @Content(schema = @Schema(implementation = CertificateResponse.class)))
  @APIResponse(responseCode = "403", description = "Someone else's certificate")
  @APIResponse(responseCode = "404", description = "No such certificate")
  public CertificateResponse get(@PathParam("id") UUID id) {
    var certificate = certificates.get(id);
    return CertificateResponse.of(certificate, certificates.verificationUrl(certificate));
  }

  @GET
  @Path("/{id}/pdf")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Produces("application/pdf")
  @Operation(
      summary = "The certificate as a PDF",
      description =
          "Holder name, course title, completion date, certificate number and a QR code of the"
              + " verification URL. For its holder and admins.")
  @APIResponse(responseCode = "200", description = "The PDF")
  @APIResponse(responseCode = "403", description = "Someone else's certificate")
  @APIResponse(responseCode = "404", description = "No such certificate")
  @APIResponse(
      responseCode = "503",
      description = "The object store does not answer (files.storage-unavailable); retry later")
  public Response pdf(@PathParam("id") UUID id) {
    return Downloads.of(certificates.pdf(id));
  }

  @GET
  @Path("/verify/{number}")
  @PermitAll
  @Operation(
      summary = "Verify a certificate number (public)",
      description =
          "What was certified (holder name, course title, completion date) and whether it is"
              + " still valid; revoked certificates show when and why. No email or other personal"
              + " data. The same for people: `/verify/{number}`.")
  @APIResponse(
      responseCode = "200",
      description = "The certificate's verification",
      content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
  @APIResponse(responseCode = "404", description = "No certificate has this number")
  public VerificationResponse verify(@PathParam("number") String number) {
    Verification verification =
        certificates.verify(number).orElseThrow(CertificateResource::unknownNumber);
    return VerificationResponse.of(verification);
  }

  static LmsException unknownNumber() {
    return LmsException.notFound(
        "certificates.not-found", "No certificate has this number; check it and try again.");
  }
}
