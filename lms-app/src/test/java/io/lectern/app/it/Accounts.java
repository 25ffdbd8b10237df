package io.lectern.app.it;

import java.util.Map;
import java.util.UUID;

/** Creates and signs in accounts through the public API. */
public final class Accounts {

  public static final String PASSWORD = "correct-horse-battery";

  private Accounts() {}

  /** A signed-in account: its id, email and the tokens of one sign-in. */
  public record Session(UUID id, String email, String accessToken, String refreshToken) {}

  public static Session student() {
    String email = Api.uniqueEmail("student");
    Api.post(
            "/api/v1/auth/register",
            Map.of("email", email, "password", PASSWORD, "fullName", "Test Student"),
            null)
        .expect(201);
    return login(email, PASSWORD);
  }

  public static Session admin() {
    return login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
  }

  /** Creates a user with the role through the admin API and signs it in. */
  public static Session withRole(String role) {
    String email = Api.uniqueEmail(role);
    Api.post(
            "/api/v1/admin/users",
            Map.of("email", email, "password", PASSWORD, "fullName", "Test " + role, "role", role),
            admin().accessToken())
        .expect(201);
    return login(email, PASSWORD);
  }

  /** How many of the user's refresh tokens are not revoked, read from the database. */
  public static long liveRefreshTokens(UUID userId) {
    return Db.count(
        "select count(*) from users.refresh_tokens where user_id = ? and revoked_at is null",
        userId);
  }

  public static Session login(String email, String password) {
    Reply reply =
        Api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null)
            .expect(200);
    return new Session(
        UUID.fromString(reply.json().path("user").path("id").asText()),
        email,
        reply.text("accessToken"),
        reply.text("refreshToken"));
  }
}
