package io.lectern.users.web;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth 2.0 token endpoint (RFC 6749): what standard clients, and the OpenAPI UI's Authorize
 * button, use to sign in.
 */
@ApplicationScoped
@Path("/api/v1/auth/token")
@Tag(name = "Authentication", description = "Registration, sign-in and token rotation")
public class OAuthTokenResource {

  @Inject OAuthGrants grants;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "OAuth 2.0 token endpoint: password and refresh_token grants",
      description =
          "RFC 6749 sections 4.3 and 6. grant_type=password with username (the email) and"
              + " password, or grant_type=refresh_token with refresh_token. scope and client_id"
              + " are accepted and ignored; client secrets are refused (Lectern's clients are"
              + " public). A parameter sent twice is invalid_request. The same throttling,"
              + " rotation and reuse detection as POST /api/v1/auth/login and /refresh apply."
              + " Errors are application/json with error and error_description (RFC 6749"
              + " section 5.2) plus the problem fields.")
  @APIResponse(
      responseCode = "200",
      description = "Signed in (Cache-Control: no-store)",
      content = @Content(schema = @Schema(implementation = OAuthAnswers.Token.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "invalid_request (missing, repeated or malformed parameter), invalid_grant (wrong"
              + " credentials, deactivated account, invalid, expired or reused refresh token),"
              + " unsupported_grant_type",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OAuthAnswers.Error.class)))
  @APIResponse(
      responseCode = "401",
      description = "invalid_client: the request carried a client secret",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OAuthAnswers.Error.class)))
  @APIResponse(
      responseCode = "429",
      description = "Too many failed sign-ins; see Retry-After (error temporarily_unavailable)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OAuthAnswers.Error.class)))
  public Response token(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                      schema = @Schema(implementation = TokenRequestForm.class)))
          InputStream body) {
    try {
      var signedIn =
          grants.token(
              OAuthGrants.readForm(body),
              request.getHeader(HttpHeaders.AUTHORIZATION),
              ClientInfos.from(request));
      return OAuthAnswers.noStore(Response.ok(OAuthAnswers.Token.of(signedIn))).build();
    } catch (OAuthError e) {
      return e.toResponse("/" + uriInfo.getPath().replaceFirst("^/", ""));
    }
  }

  /** The form fields of a token request, for the OpenAPI document. */
  @Schema(name = "OAuthTokenRequest")
  public record TokenRequestForm(
      @Schema(
              required = true,
              enumeration = {"password", "refresh_token"})
          String grant_type,
      @Schema(description = "The account's email (password grant)", maxLength = 320)
          String username,
      @Schema(description = "Password grant", maxLength = 128) String password,
      @Schema(description = "Refresh token grant", maxLength = 200) String refresh_token,
      @Schema(description = "Accepted and ignored") String scope,
      @Schema(description = "Accepted and ignored (public client)") String client_id) {}
}
