package io.lectern.certificates.web;

import io.lectern.certificates.internal.CertificateService;
import io.lectern.certificates.internal.VerificationPage;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The verification page people reach from a certificate's QR code. */
@ApplicationScoped
@Path("/verify/{number}")
@Tag(name = "Certificates", description = "Course certificates, public verification, revocation")
@PermitAll
public class VerifyPageResource {

  static final String HTML = "text/html; charset=UTF-8";

  @Inject CertificateService certificates;

  @GET
  @Produces(HTML)
  @Operation(
      summary = "Verification page (HTML, public)",
      description =
          "A self-contained page with the holder, course, completion date and number, and a"
              + " clear banner when the certificate was revoked.")
  @APIResponse(
      responseCode = "200",
      description = "The page",
      content = @Content(mediaType = "text/html"))
  @APIResponse(
      responseCode = "404",
      description = "A page saying the number is unknown",
      content = @Content(mediaType = "text/html"))
  public Response page(@PathParam("number") String number) {
    return certificates
        .verify(number)
        .map(v -> page(Response.ok(VerificationPage.render(v))))
        .orElseGet(() -> page(Response.status(404).entity(VerificationPage.notFound(number))));
  }

  private static Response page(Response.ResponseBuilder response) {
    return response
        .type(HTML)
        .header("Content-Security-Policy", VerificationPage.CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .build();
  }
}
