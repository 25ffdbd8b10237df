package io.lectern.users.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.shared.security.CurrentUser;
import io.lectern.users.internal.AccountService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sign-in paths of the existing web front end (see API-CONTRACTS): aliases of the OAuth 2.0
 * token endpoint and of the account endpoint, answering in the snake_case token shape that client
 * reads.
 */
@ApplicationScoped
@Path("/api/v1/public/auth")
@Tag(
    name = "Front-end sign-in",
    description = "The web front end's sign-in paths: aliases of /api/v1/auth/token")
public class FrontEndAuthResource {

  @Inject OAuthGrants grants;
  @Inject AccountService accounts;
  @Inject CurrentUser currentUser;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  @Path("/login")
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sign in with a form: username (the email), password, grant_type=password",
      description =
          "The password grant of POST /api/v1/auth/token at the front end's path; grant_type may"
              + " be left out. Errors are the token endpoint's (error, error_description, detail).")
  @APIResponse(
      responseCode = "200",
      description = "Signed in",
      content = @Content(schema = @Schema(implementation = OAuthAnswers.Token.class)))
  @APIResponse(
      responseCode = "400",
      description = "invalid_request, invalid_grant or unsupported_grant_type",
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
      description = "Too many failed sign-ins; see Retry-After",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OAuthAnswers.Error.class)))
  public Response login(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                      schema = @Schema(implementation = OAuthTokenResource.TokenRequestForm.class)))
          InputStream body) {
    try {
      FormBody form = OAuthGrants.readForm(body);
      OAuthGrants.checkNoClientCredentials(form, request.getHeader("Authorization"));
      String grantType = form.get("grant_type").orElse(OAuthGrants.PASSWORD);
      if (!grantType.equals(OAuthGrants.PASSWORD)) {
        throw OAuthError.unsupportedGrantType(
            "This path signs in with grant_type=password; refresh at /api/v1/public/auth/refresh.");
      }
      return tokens(grants.password(form, ClientInfos.from(request)));
    } catch (OAuthError e) {
      return e.toResponse(path());
    }
  }

  @POST
  @Path("/refresh")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Exchange a refresh token, sent as JSON {\"refresh_token\": ...}",
      description =
          "The refresh_token grant of POST /api/v1/auth/token with a JSON body: a new access"
              + " token and a new refresh token; the presented one stops working, and presenting"
              + " it again revokes its whole sign-in.")
  @APIResponse(
      responseCode = "200",
      description = "New token pair",
      content = @Content(schema = @Schema(implementation = OAuthAnswers.Token.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "invalid_request (not a JSON object with a refresh_token string) or invalid_grant"
              + " (invalid, expired, reused or revoked token; deactivated account)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OAuthAnswers.Error.class)))
  public Response refresh(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = RefreshRequest.class)))
          InputStream body) {
    try {
      return tokens(grants.refresh(refreshTokenOf(body), ClientInfos.from(request)));
    } catch (OAuthError e) {
      return e.toResponse(path());
    }
  }

  @GET
  @Path("/me")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The signed-in user, in the shape of the token answer's user")
  public OAuthAnswers.TokenUser me() {
    return OAuthAnswers.TokenUser.of(accounts.me(currentUser.id()));
  }

  /** The refresh token of a JSON body, read here so that every mistake gets the OAuth shape. */
  private static String refreshTokenOf(InputStream body) {
    byte[] bytes = OAuthGrants.readAll(body);
    JsonValue value;
    try (var reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      value = reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      throw OAuthError.invalidRequest(
          "request.malformed-json",
          "The body must be a JSON object: {\"refresh_token\": \"...\"}.");
    }
    if (!(value instanceof JsonObject object)) {
      throw OAuthError.invalidRequest(
          "request.malformed-json",
          "The body must be a JSON object: {\"refresh_token\": \"...\"}.");
    }
    JsonValue token = object.get(OAuthGrants.REFRESH_TOKEN);
    if (!(token instanceof JsonString text) || text.getString().isEmpty()) {
      throw OAuthError.invalidRequest(
          "oauth.missing-parameter", "refresh_token is required and must be a string.");
    }
    return text.getString();
  }

  private Response tokens(io.lectern.users.internal.SignedIn signedIn) {
    return OAuthAnswers.noStore(Response.ok(OAuthAnswers.Token.of(signedIn))).build();
  }

  private String path() {
    return "/" + uriInfo.getPath().replaceFirst("^/", "");
  }

  /** The body of POST /api/v1/public/auth/refresh. */
  @Schema(name = "FrontEndRefreshRequest")
  public record RefreshRequest(@Schema(required = true, maxLength = 200) String refresh_token) {}
}
