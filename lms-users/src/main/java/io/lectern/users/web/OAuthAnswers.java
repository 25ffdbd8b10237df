package io.lectern.users.web;

import io.lectern.users.internal.SignedIn;
import io.lectern.users.internal.User;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the OAuth 2.0 token endpoint and its front-end aliases, in snake_case. */
final class OAuthAnswers {

  private OAuthAnswers() {}

  /** RFC 6749 section 5.1: token answers must not be stored by caches. */
  static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
    return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
  }

  @Schema(name = "OAuthToken", description = "RFC 6749 section 5.1 access token response")
  @JsonbPropertyOrder({"access_token", "token_type", "expires_in", "refresh_token", "user"})
  public record Token(
      @JsonbProperty("access_token") @Schema(name = "access_token", required = true)
          String accessToken,
      @JsonbProperty("token_type")
          @Schema(name = "token_type", required = true, description = "Always Bearer")
          String tokenType,
      @JsonbProperty("expires_in")
          @Schema(name = "expires_in", required = true, description = "Seconds")
          long expiresIn,
      @JsonbProperty("refresh_token")
          @Schema(
              name = "refresh_token",
              required = true,
              description = "Single use: each refresh returns a new one")
          String refreshToken,
      @Schema(required = true) TokenUser user) {

    static Token of(SignedIn signedIn) {
      return new Token(
          signedIn.accessToken(),
          "Bearer",
          signedIn.expiresIn(),
          signedIn.refreshToken(),
          TokenUser.of(signedIn.user()));
    }
  }

  /**
   * The signed-in user as the front end stores it: its name under both {@code fullName} (the API's
   * spelling) and {@code full_name} (the snake_case of the token answer it sits in).
   */
  @Schema(name = "OAuthUser")
  @JsonbPropertyOrder({"id", "email", "fullName", "full_name", "role", "active"})
  public record TokenUser(
      @Schema(required = true) UUID id,
      @Schema(required = true) String email,
      @Schema(required = true) String fullName,
      @JsonbProperty("full_name") @Schema(name = "full_name", required = true) String fullNameSnake,
      @Schema(required = true) String role,
      @Schema(required = true) boolean active) {

    static TokenUser of(User user) {
      return new TokenUser(
          user.id(),
          user.email(),
          user.fullName(),
          user.fullName(),
          user.role().value(),
          user.active());
    }
  }

  @Schema(
      name = "OAuthError",
      description =
          "RFC 6749 section 5.2 error, with the problem fields of the rest of the API beside it")
  @JsonbPropertyOrder({
    "error",
    "error_description",
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code"
  })
  public record Error(
      @Schema(
              required = true,
              enumeration = {
                "invalid_request",
                "invalid_grant",
                "invalid_client",
                "unsupported_grant_type",
                "temporarily_unavailable"
              })
          String error,
      @JsonbProperty("error_description") @Schema(name = "error_description", required = true)
          String errorDescription,
      @Schema(required = true) String type,
      @Schema(required = true) String title,
      @Schema(required = true) int status,
      @Schema(required = true) String detail,
      String instance,
      @Schema(required = true) String code) {}
}
