package io.lectern.users.web;

import io.lectern.users.internal.IdentitySettings;
import io.lectern.users.internal.KeySettings;
import io.lectern.users.internal.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Lectern as an issuer others can verify: the public keys of its access tokens (JWKS) and the
 * OpenID Connect discovery document that points to them. Public and cacheable. The application
 * serves every path from the root (context root {@code /}, JAX-RS application path {@code /}), so
 * these live at the origin's {@code /.well-known/...} as RFC 8615 wants.
 */
@ApplicationScoped
@Path("/.well-known")
@Tag(name = "Issuer", description = "Public keys and discovery metadata of Lectern's tokens")
@PermitAll
@SecurityRequirements
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

  /** Remote verifiers may keep the documents this long; they refetch on an unknown kid anyway. */
  static final int MAX_AGE_SECONDS = 300;

  @Inject SigningKeys keys;
  @Inject IdentitySettings identity;
  @Inject KeySettings settings;

  @GET
  @Path("/jwks.json")
  @Operation(
      summary = "The public keys that verify Lectern's access tokens (JWKS, RFC 7517)",
      description =
          "Every key a live token may be signed with, the one signing now first; a token's kid"
              + " header names its key. Cacheable; refetch on an unknown kid.")
  @APIResponse(
      responseCode = "200",
      description = "The key set",
      content = @Content(schema = @Schema(implementation = IssuerResponses.JwksResponse.class)))
  public Response jwks() {
    List<IssuerResponses.JsonWebKeyResponse> published =
        keys.verifyingKeys().stream().map(IssuerResponses.JsonWebKeyResponse::of).toList();
    return cached(new IssuerResponses.JwksResponse(published));
  }

  @GET
  @Path("/openid-configuration")
  @Operation(
      summary = "OpenID Connect discovery metadata of Lectern as a token issuer",
      description =
          "issuer equals the iss claim of Lectern's access tokens (LMS_JWT_ISSUER); set it to the"
              + " public base URL where strict OpenID clients expect a URL.")
  @APIResponse(
      responseCode = "200",
      description = "The discovery document",
      content =
          @Content(schema = @Schema(implementation = IssuerResponses.OpenIdConfiguration.class)))
  public Response openIdConfiguration() {
    String base = settings.publicBaseUrl();
    return cached(
        new IssuerResponses.OpenIdConfiguration(
            identity.issuer(),
            base + "/.well-known/jwks.json",
            base + "/api/v1/auth/token",
            List.of("password", "refresh_token"),
            List.of("token"),
            List.of("public"),
            List.of("RS256"),
            List.of("none"),
            List.of("openid"),
            List.of("iss", "sub", "upn", "groups", "jti", "sid", "iat", "exp", "token_epoch")));
  }

  private static Response cached(Object document) {
    return Response.ok(document)
        .header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS)
        .build();
  }
}
