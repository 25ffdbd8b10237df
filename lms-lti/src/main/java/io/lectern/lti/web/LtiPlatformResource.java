package io.lectern.lti.web;

import io.lectern.lti.internal.DeepLinkingService;
import io.lectern.lti.internal.LaunchService;
import io.lectern.lti.internal.TokenService;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The endpoints tools and browsers reach during LTI flows. They carry no Lectern access token: the
 * authorization request is bound to its user by the single-use launch hint, the token endpoint
 * authenticates the tool by its signed client assertion, and the deep-linking return by the tool's
 * signed response.
 */
@ApplicationScoped
@Path("/api/v1/lti")
@Tag(name = "LTI platform", description = "OIDC authorization, token endpoint, deep-linking return")
@PermitAll
public class LtiPlatformResource {

  @Inject LaunchService launches;
  @Inject TokenService tokens;
  @Inject DeepLinkingService deepLinking;
  @Context UriInfo uriInfo;

  @GET
  @Path("/authorize")
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "OIDC authorization endpoint of LTI launches (query parameters)",
      description =
          "The tool's authentication request: scope=openid, response_type=id_token,"
              + " response_mode=form_post, prompt=none, client_id, a registered redirect_uri,"
              + " login_hint, lti_message_hint, nonce, state. Answers a page that posts the signed"
              + " id_token and the state to the redirect_uri. Every refusal is a 400 problem, never"
              + " a redirect.")
  @APIResponse(
      responseCode = "200",
      description = "An auto-submitting form posting id_token and state to the redirect_uri",
      content =
          @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", description = "The request or its hint was refused")
  public Response authorizeGet() {
    return AutoPostPage.of(launches.authorize(Params.single(uriInfo.getQueryParameters())));
  }

  @POST
  @Path("/authorize")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "OIDC authorization endpoint of LTI launches (form parameters)")
  @APIResponse(
      responseCode = "200",
      description = "An auto-submitting form posting id_token and state to the redirect_uri",
      content =
          @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", description = "The request or its hint was refused")
  public Response authorizePost(MultivaluedMap<String, String> form) {
    return AutoPostPage.of(launches.authorize(Params.single(form)));
  }

  /** A granted access token (RFC 6749 section 5.1). */
  @Schema(name = "LtiAccessToken")
  public record AccessToken(
      String access_token, String token_type, long expires_in, String scope) {}

  @POST
  @Path("/token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "OAuth 2.0 token endpoint of the LTI services (client_credentials)",
      description =
          "grant_type=client_credentials, client_assertion_type=urn:ietf:params:oauth:"
              + "client-assertion-type:jwt-bearer, client_assertion (RS256, iss = sub = the"
              + " tool's client id, aud = this URL, a jti never used before) and scope (LTI AGS"
              + " and NRPS scopes). Answers an opaque bearer token for the AGS and NRPS"
              + " endpoints.")
  @APIResponse(
      responseCode = "200",
      description = "Granted (Cache-Control: no-store)",
      content = @Content(schema = @Schema(implementation = AccessToken.class)))
  @APIResponse(responseCode = "400", description = "A missing or invalid parameter or scope")
  @APIResponse(
      responseCode = "401",
      description =
          "The client assertion is unsigned, wrongly signed, for another audience,"
              + " expired or replayed")
  public Response token(MultivaluedMap<String, String> form) {
    Map<String, String> params = Params.single(form);
    var issued =
        tokens.grant(
            params.get("grant_type"),
            params.get("client_assertion_type"),
            params.get("client_assertion"),
            params.get("scope"));
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(
            new AccessToken(issued.accessToken(), "Bearer", issued.expiresIn(), issued.scope()))
        .cacheControl(noStore)
        .build();
  }

  /** A verified deep-linking answer, waiting for the instructor's acceptance. */
  @Schema(name = "LtiDeepLinkingAnswer")
  public record DeepLinkingAnswer(
      UUID requestId,
      UUID courseId,
      int resourceLinks,
      @Schema(description = "The call that adds the lessons (with the instructor's token)")
          String accept) {}

  @POST
  @Path("/deep-linking/return")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Deep-linking return URL (LtiDeepLinkingResponse)",
      description =
          "The tool's form posts its signed response in JWT: verified against the tool's keys,"
              + " aud = Lectern's issuer, a deployment of the tool, a nonce never seen, and the"
              + " id of an open request in data. The resource links are kept for the instructor"
              + " to accept with POST /api/v1/courses/{courseId}/lti/deep-linking/{requestId}/"
              + "accept.")
  @APIResponse(
      responseCode = "200",
      description = "Verified; the lessons wait for acceptance",
      content = @Content(schema = @Schema(implementation = DeepLinkingAnswer.class)))
  @APIResponse(responseCode = "400", description = "The response was refused")
  public DeepLinkingAnswer deepLinkingReturn(MultivaluedMap<String, String> form) {
    var answer = deepLinking.receive(Params.single(form).get("JWT"));
    return new DeepLinkingAnswer(
        answer.requestId(),
        answer.courseId(),
        answer.items(),
        "POST /api/v1/courses/"
            + answer.courseId()
            + "/lti/deep-linking/"
            + answer.requestId()
            + "/accept");
  }
}
