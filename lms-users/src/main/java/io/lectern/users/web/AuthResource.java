package io.lectern.users.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.shared.security.CurrentUser;
import io.lectern.users.internal.AuthenticationService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/auth")
@Tag(name = "Authentication", description = "Registration, sign-in and token rotation")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  @Inject AuthenticationService authentication;
  @Inject CurrentUser currentUser;
  @Context HttpServletRequest request;
  @Context UriInfo uriInfo;

  @POST
  @Path("/register")
  @PermitAll
  @Operation(summary = "Register a student account")
  @APIResponse(
      responseCode = "201",
      description = "Account created",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(responseCode = "400", description = "Invalid email, password or name")
  @APIResponse(responseCode = "409", description = "The email is taken")
  public Response register(@NotNull @Valid UserRequests.Register body) {
    var user = authentication.register(body.email(), body.password(), body.fullName());
    return Response.created(uriInfo.getBaseUriBuilder().path("api/v1/users/me").build())
        .entity(UserResponse.of(user))
        .build();
  }

  @POST
  @Path("/login")
  @PermitAll
  @Operation(summary = "Sign in with email and password; returns an access and a refresh token")
  @APIResponse(
      responseCode = "200",
      description = "Signed in",
      content = @Content(schema = @Schema(implementation = TokenResponse.class)))
  @APIResponse(responseCode = "401", description = "Wrong email or password, or deactivated")
  @APIResponse(responseCode = "429", description = "Too many failed attempts; see Retry-After")
  public TokenResponse login(@NotNull @Valid UserRequests.Login body) {
    return TokenResponse.of(
        authentication.login(body.email(), body.password(), ClientInfos.from(request)));
  }

  @POST
  @Path("/refresh")
  @PermitAll
  @Operation(
      summary = "Exchange a refresh token for a new access token and a new refresh token",
      description =
          "The presented refresh token stops working. Presenting a used or revoked refresh token"
              + " again revokes every token of its sign-in.")
  @APIResponse(
      responseCode = "200",
      description = "New token pair",
      content = @Content(schema = @Schema(implementation = TokenResponse.class)))
  @APIResponse(responseCode = "401", description = "Invalid, expired, reused or revoked token")
  public TokenResponse refresh(@NotNull @Valid UserRequests.RefreshTokenBody body) {
    return TokenResponse.of(authentication.refresh(body.refreshToken(), ClientInfos.from(request)));
  }

  @POST
  @Path("/logout")
  @PermitAll
  @Operation(summary = "Revoke a refresh token")
  @APIResponse(responseCode = "204", description = "Revoked (or already unusable)")
  public Response logout(@NotNull @Valid UserRequests.RefreshTokenBody body) {
    authentication.logout(body.refreshToken());
    return Response.noContent().build();
  }

  @POST
  @Path("/logout-all")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(summary = "Revoke every refresh token of the caller")
  @APIResponse(responseCode = "204", description = "All sessions revoked")
  public Response logoutAll() {
    authentication.logoutEverywhere(currentUser.id());
    return Response.noContent().build();
  }
}
