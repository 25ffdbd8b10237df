package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed-in user's own account: read, rename, change password. */
class AccountIT {

  @Test
  void meNeedsAValidToken() {
    Accounts.Session session = Accounts.student();
    Reply me = Api.get("/api/v1/users/me", session.accessToken()).expect(200);
    assertThat(me.text("id")).isEqualTo(session.id().toString());
    assertThat(me.text("email")).isEqualTo(session.email());
    assertThat(me.json().has("passwordHash")).isFalse();

    Api.get("/api/v1/users/me", null).expectProblem(401, "auth.required");
    Api.get("/api/v1/users/me", "not.a.token").expectProblem(401, "auth.invalid-token");
    String token = session.accessToken();
    String tampered =
        token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    Api.get("/api/v1/users/me", tampered).expectProblem(401, "auth.invalid-token");
  }

  @Test
  void renameKeepsEverythingElse() {
    Accounts.Session session = Accounts.student();
    Reply reply =
        Api.patch("/api/v1/users/me", Map.of("fullName", "Renamed Person"), session.accessToken())
            .expect(200);
    assertThat(reply.text("fullName")).isEqualTo("Renamed Person");
    assertThat(
            Db.row("select full_name from users.users where id = ?", session.id()).get("full_name"))
        .isEqualTo("Renamed Person");

    Api.patch("/api/v1/users/me", Map.of("fullName", "   "), session.accessToken())
        .expectProblem(400, "request.invalid");
    Api.patch("/api/v1/users/me", Map.of("fullName", "x".repeat(201)), session.accessToken())
        .expectProblem(400, "request.invalid");
    assertThat(
            Db.row("select full_name from users.users where id = ?", session.id()).get("full_name"))
        .isEqualTo("Renamed Person");
  }

  @Test
  void passwordChangeNeedsTheCurrentPasswordAndEndsOtherSessions() {
    Accounts.Session current = Accounts.student();
    Accounts.Session other = Accounts.login(current.email(), Accounts.PASSWORD);

    Api.patch(
            "/api/v1/users/me", Map.of("newPassword", "brand-new-password"), current.accessToken())
        .expectProblem(400, "users.current-password-incorrect");
    Api.patch(
            "/api/v1/users/me",
            Map.of("currentPassword", "wrong-password", "newPassword", "brand-new-password"),
            current.accessToken())
        .expectProblem(400, "users.current-password-incorrect");
    Map<String, Object> tooShort = new HashMap<>();
    tooShort.put("currentPassword", Accounts.PASSWORD);
    tooShort.put("newPassword", "short");
    Api.patch("/api/v1/users/me", tooShort, current.accessToken())
        .expectProblem(400, "request.invalid");
    Accounts.login(current.email(), Accounts.PASSWORD); // still the old password

    Api.patch(
            "/api/v1/users/me",
            Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "brand-new-password"),
            current.accessToken())
        .expect(200);

    Api.post(
            "/api/v1/auth/login",
            Map.of("email", current.email(), "password", Accounts.PASSWORD),
            null)
        .expect(401);
    Accounts.login(current.email(), "brand-new-password");
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", other.refreshToken()), null)
        .expect(401);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", current.refreshToken()), null)
        .expect(200);
  }
}
