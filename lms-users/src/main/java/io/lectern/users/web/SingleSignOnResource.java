package io.lectern.users.web;

import io.lectern.users.internal.AuthenticationService;
import io.lectern.users.internal.OidcRelyingParty;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenID Connect single sign-on: the browser is sent to the institution's identity provider and
 * comes back to the front end with a one-time code, which the front end exchanges for Lectern
 * tokens (tokens never travel in an address).
 */
@ApplicationScoped
@Path("/api/v1/auth/oidc")
@Tag(name = "Single sign-on", description = "OpenID Connect sign-in through configured providers")
public class SingleSignOnResource {

  static final String PROVIDER_PATTERN = "[a-z0-9]{1,40}";

  @Inject OidcRelyingParty relyingParty;
  @Inject AuthenticationService authentication;
  @Context HttpServletRequest request;

  /** A configured provider, as a front end lists its sign-in buttons. */
  public record ProviderLink(String name, String loginUrl) {}

  /** The body of the exchange: the one-time code the callback gave the front end. */
  public record ExchangeRequest(@NotBlank @Size(max = 100) String code) {}

  @GET
  @Path("/providers")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The configured identity providers and where each sign-in starts")
  public List<ProviderLink> providers() {
    return relyingParty.providerNames().stream()
        .map(name -> new ProviderLink(name, "/api/v1/auth/oidc/" + name + "/login"))
        .toList();
  }

  @GET
  @Path("/{provider}/login")
  @PermitAll
  @Operation(
      summary = "Start signing in at an identity provider",
      description =
          "Redirects the browser to the provider's authorization endpoint (authorization code"
              + " flow with PKCE S256, state and nonce). The sign-in must be completed within"
              + " LMS_OIDC_LOGIN_TTL_SECONDS.")
  @APIResponse(responseCode = "302", description = "To the provider's sign-in page")
  @APIResponse(responseCode = "404", description = "No provider of that name is configured")
  @APIResponse(responseCode = "503", description = "The provider cannot be reached")
  public Response login(
      @PathParam("provider") @Pattern(regexp = PROVIDER_PATTERN) String provider) {
    return Response.status(Response.Status.FOUND)
        .location(relyingParty.begin(provider))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("/{provider}/callback")
  @PermitAll
  @Operation(
      summary = "Where the provider sends the browser back",
      description =
          "Checks state (single use), exchanges the code with the PKCE verifier, verifies the"
              + " id_token (signature, issuer, audience, expiry, nonce), links or creates the"
              + " account, and redirects to LMS_OIDC_FRONTEND_URL with ?code=<one-time code>"
              + "&provider=<name>. An existing account is linked only through an email the"
              + " provider verified.")
  @APIResponse(
      responseCode = "302",
      description = "To the front end, with a one-time code to exchange (60 s, single use)")
  @APIResponse(
      responseCode = "400",
      description = "Unknown, used or expired state; no code; a code the provider refused")
  @APIResponse(
      responseCode = "403",
      description =
          "The provider refused, or its answer failed verification (nonce, signature), the email"
              + " is missing or not verified, or the account is deactivated")
  @APIResponse(responseCode = "404", description = "No provider of that name is configured")
  @APIResponse(responseCode = "409", description = "The same account was being created at once")
  @APIResponse(responseCode = "503", description = "The provider cannot be reached")
  public Response callback(
      @PathParam("provider") @Pattern(regexp = PROVIDER_PATTERN) String provider,
      @QueryParam("state") @Size(max = 64) String state,
      @QueryParam("code") @Size(max = 2048) String code,
      @QueryParam("error") @Size(max = 200) String error) {
    return Response.status(Response.Status.FOUND)
        .location(relyingParty.complete(provider, state, code, error))
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("/exchange")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Exchange the one-time code of a single sign-on for Lectern tokens",
      description = "The same answer as POST /api/v1/auth/login; the code works once.")
  @APIResponse(
      responseCode = "200",
      description = "Signed in",
      content = @Content(schema = @Schema(implementation = TokenResponse.class)))
  @APIResponse(responseCode = "400", description = "Unknown, used or expired code")
  @APIResponse(responseCode = "401", description = "The account has been deactivated")
  public Response exchange(@NotNull @Valid ExchangeRequest body) {
    return Response.ok(
            TokenResponse.of(authentication.redeemSsoCode(body.code(), ClientInfos.from(request))))
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .build();
  }
}
