package io.lectern.users.web;

import io.lectern.users.internal.SignedIn;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.UUID;

/** Answer of sign-in and refresh. */
@JsonbPropertyOrder({"accessToken", "refreshToken", "tokenType", "expiresIn", "user"})
public record TokenResponse(
    String accessToken, String refreshToken, String tokenType, long expiresIn, SignedInUser user) {

  /** The signed-in user, as the client needs it to render its UI. */
  public record SignedInUser(UUID id, String email, String fullName, String role) {}

  static TokenResponse of(SignedIn signedIn) {
    var user = signedIn.user();
    return new TokenResponse(
        signedIn.accessToken(),
        signedIn.refreshToken(),
        "Bearer",
        signedIn.expiresIn(),
        new SignedInUser(user.id(), user.email(), user.fullName(), user.role().value()));
  }
}
