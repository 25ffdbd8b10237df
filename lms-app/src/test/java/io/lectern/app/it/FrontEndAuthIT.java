package io.lectern.app.it;

import static io.lectern.app.it.OAuthTokenIT.expectOAuthError;
import static io.lectern.app.it.OAuthTokenIT.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The existing web front end's sign-in, with exactly its requests: a form login, the user with the
 * bearer token, a JSON refresh; cross-origin from the configured origin.
 */
class FrontEndAuthIT {

  static final String ORIGIN = "http://localhost:3000";

  @Test
  void theFrontEndSignsInReadsItsUserAndRefreshes() {
    Accounts.Session account = Accounts.student();
    Reply login =
        Api.send(
                "POST",
                "/api/v1/public/auth/login",
                form(
                    "username",
                    account.email(),
                    "password",
                    Accounts.PASSWORD,
                    "grant_type",
                    "password"),
                null,
                "application/x-www-form-urlencoded",
                Map.of("Origin", ORIGIN))
            .expect(200);
    assertThat(login.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(login.header("Cache-Control")).isEqualTo("no-store");
    String accessToken = login.text("access_token");
    String refreshToken = login.text("refresh_token");
    assertThat(accessToken).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(refreshToken).isNotBlank();
    assertThat(login.text("token_type")).isEqualToIgnoringCase("bearer");
    assertThat(login.json().path("expires_in").asLong()).isEqualTo(900);
    var user = login.json().path("user");
    assertThat(user.path("id").asText()).isEqualTo(account.id().toString());
    assertThat(user.path("email").asText()).isEqualTo(account.email());
    assertThat(user.path("full_name").asText()).isEqualTo("Test Student");
    assertThat(user.path("fullName").asText()).isEqualTo("Test Student");
    assertThat(user.path("role").asText()).isEqualTo("student");

    Reply me =
        Api.send("GET", "/api/v1/public/auth/me", null, accessToken, null, Map.of("Origin", ORIGIN))
            .expect(200);
    assertThat(me.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(me.json()).isEqualTo(user);

    Reply refreshed =
        Api.send(
                "POST",
                "/api/v1/public/auth/refresh",
                Map.of("refresh_token", refreshToken),
                null,
                "application/json",
                Map.of("Origin", ORIGIN))
            .expect(200);
    assertThat(refreshed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(refreshed.text("refresh_token")).isNotBlank().isNotEqualTo(refreshToken);
    assertThat(refreshed.text("access_token")).isNotBlank();
    assertThat(refreshed.json().path("user")).isEqualTo(user);
    Api.get("/api/v1/public/auth/me", refreshed.text("access_token")).expect(200);

    // The spent token again: refused with a detail to show, and the whole sign-in is revoked.
    Reply replay =
        expectOAuthError(
            Api.post("/api/v1/public/auth/refresh", Map.of("refresh_token", refreshToken), null),
            400,
            "invalid_grant",
            "auth.refresh-token-reused");
    assertThat(replay.text("detail")).contains("Sign in again");
    Api.post(
            "/api/v1/public/auth/refresh",
            Map.of("refresh_token", refreshed.text("refresh_token")),
            null)
        .expect(400);
    // The session's first refresh token (from Accounts.student()) is the only live one left.
    assertThat(Accounts.liveRefreshTokens(account.id())).isEqualTo(1);
  }

  @Test
  void aBrowserMayCallTheSignInPathsFromTheConfiguredOrigin() {
    for (String path :
        new String[] {
          "/api/v1/public/auth/login", "/api/v1/public/auth/refresh", "/api/v1/public/auth/me"
        }) {
      Reply preflight =
          Api.send(
              "OPTIONS",
              path,
              null,
              null,
              null,
              Map.of(
                  "Origin",
                  ORIGIN,
                  "Access-Control-Request-Method",
                  path.endsWith("me") ? "GET" : "POST",
                  "Access-Control-Request-Headers",
                  "authorization,content-type"));
      assertThat(preflight.status()).as(path).isBetween(200, 204);
      assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).isEqualTo(ORIGIN);
    }
    Reply other =
        Api.send(
            "OPTIONS",
            "/api/v1/public/auth/login",
            null,
            null,
            null,
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(other.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void failuresCarryADetailTheFrontEndShows() {
    Accounts.Session account = Accounts.student();
    Reply wrong =
        expectOAuthError(
            Api.send(
                "POST",
                "/api/v1/public/auth/login",
                form(
                    "username",
                    account.email(),
                    "password",
                    "wrong-password",
                    "grant_type",
                    "password"),
                null,
                "application/x-www-form-urlencoded"),
            400,
            "invalid_grant",
            "auth.invalid-credentials");
    assertThat(wrong.text("detail")).isEqualTo("The email or password is incorrect.");

    // grant_type may be left out; another grant belongs to the refresh path.
    Api.send(
            "POST",
            "/api/v1/public/auth/login",
            form("username", account.email(), "password", Accounts.PASSWORD),
            null,
            "application/x-www-form-urlencoded")
        .expect(200);
    expectOAuthError(
        Api.send(
            "POST",
            "/api/v1/public/auth/login",
            form("grant_type", "refresh_token", "refresh_token", account.refreshToken()),
            null,
            "application/x-www-form-urlencoded"),
        400,
        "unsupported_grant_type",
        "oauth.unsupported-grant-type");
    expectOAuthError(
        Api.send(
            "POST",
            "/api/v1/public/auth/login",
            form("username", account.email()),
            null,
            "application/x-www-form-urlencoded"),
        400,
        "invalid_request",
        "oauth.missing-parameter");

    for (String body :
        new String[] {
          "", "{", "[]", "null", "{\"refresh_token\": 5}", "{\"refreshToken\": \"x\"}"
        }) {
      expectOAuthError(
          Api.send("POST", "/api/v1/public/auth/refresh", body, null, "application/json"),
          400,
          "invalid_request",
          body.contains("refresh") ? "oauth.missing-parameter" : "request.malformed-json");
    }
    expectOAuthError(
        Api.post("/api/v1/public/auth/refresh", Map.of("refresh_token", "nonsense"), null),
        400,
        "invalid_grant",
        "auth.invalid-refresh-token");
    expectOAuthError(
        Api.send(
            "POST",
            "/api/v1/public/auth/refresh",
            "{\"refresh_token\": \"a\\u0000b\"}",
            null,
            "application/json"),
        400,
        "invalid_request",
        "request.control-character");

    Api.get("/api/v1/public/auth/me", null).expectProblem(401, "auth.required");
    Api.get("/api/v1/public/auth/me", "not.a.token").expectProblem(401, "auth.invalid-token");
  }
}
