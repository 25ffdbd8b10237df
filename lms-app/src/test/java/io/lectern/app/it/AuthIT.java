package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registration, sign-in, refresh-token rotation and reuse detection, sign-out. */
class AuthIT {

  @Test
  void registerCreatesAStudentWithALowerCasedEmailAndASlowHash() {
    String email = Api.uniqueEmail("Reg").toUpperCase();
    Reply reply =
        Api.post(
                "/api/v1/auth/register",
                Map.of(
                    "email",
                    email,
                    "password",
                    "long-enough-pw",
                    "fullName",
                    "  Ann Example ",
                    "role",
                    "admin"),
                null)
            .expect(201);

    assertThat(reply.text("role")).isEqualTo("student");
    assertThat(reply.text("email")).isEqualTo(email.toLowerCase());
    assertThat(reply.text("fullName")).isEqualTo("Ann Example");
    assertThat(reply.json().has("passwordHash")).isFalse();
    assertThat(reply.header("Location")).endsWith("/api/v1/users/me");

    var row =
        Db.row(
            "select role, password_hash, is_active from users.users where id = ?",
            UUID.fromString(reply.text("id")));
    assertThat(row.get("role")).isEqualTo("student");
    assertThat(row.get("is_active")).isEqualTo(true);
    assertThat((String) row.get("password_hash"))
        .startsWith("pbkdf2-sha256$")
        .doesNotContain("long-enough-pw");
    int iterations = Integer.parseInt(((String) row.get("password_hash")).split("\\$")[1]);
    assertThat(iterations).isGreaterThanOrEqualTo(210_000);
  }

  @Test
  void aTakenEmailIsAConflictWhateverItsCase() {
    String email = Api.uniqueEmail("dup");
    var body = Map.of("email", email, "password", "long-enough-pw", "fullName", "First");
    Api.post("/api/v1/auth/register", body, null).expect(201);

    Api.post(
            "/api/v1/auth/register",
            Map.of(
                "email", email.toUpperCase(), "password", "other-password", "fullName", "Second"),
            null)
        .expectProblem(409, "users.email-taken");
    assertThat(Db.count("select count(*) from users.users where email = ?", email)).isEqualTo(1);
  }

  @Test
  void invalidRegistrationsListEveryBadFieldAndStoreNothing() {
    String email = "not-an-email";
    Reply reply =
        Api.post(
                "/api/v1/auth/register",
                Map.of("email", email, "password", "short", "fullName", " "),
                null)
            .expectProblem(400, "request.invalid");
    assertThat(reply.violationFields()).containsExactlyInAnyOrder("email", "password", "fullName");
    assertThat(Db.count("select count(*) from users.users where email = ?", email)).isZero();

    Api.post("/api/v1/auth/register", "{\"email\": ", null)
        .expectProblem(400, "request.malformed-json");
    Api.post("/api/v1/auth/register", "[1,2]", null).expectProblem(400, "request.malformed-json");
    Api.post(
            "/api/v1/auth/register",
            "{\"email\": {\"x\": 1}, \"password\": [], \"fullName\": \"n\"}",
            null)
        .expectProblem(400, "request.malformed-json");
    Api.send("POST", "/api/v1/auth/register", null, null, "application/json")
        .expectProblem(400, "request.malformed-json");
    Api.send("POST", "/api/v1/auth/register", "email=x", null, "text/plain")
        .expectProblem(415, "http.unsupported-media-type");
    String longPassword = "p".repeat(129);
    Api.post(
            "/api/v1/auth/register",
            Map.of("email", Api.uniqueEmail("long"), "password", longPassword, "fullName", "L"),
            null)
        .expectProblem(400, "request.invalid");
  }

  @Test
  void loginReturnsTokensAndTheUser() {
    Accounts.Session student = Accounts.student();
    Reply reply =
        Api.post(
                "/api/v1/auth/login",
                Map.of("email", student.email().toUpperCase(), "password", Accounts.PASSWORD),
                null)
            .expect(200);

    assertThat(reply.text("tokenType")).isEqualTo("Bearer");
    assertThat(reply.json().path("expiresIn").asLong()).isEqualTo(900);
    assertThat(reply.text("accessToken")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(reply.text("refreshToken")).isNotBlank();
    assertThat(reply.json().path("user").path("id").asText()).isEqualTo(student.id().toString());
    assertThat(reply.json().path("user").path("role").asText()).isEqualTo("student");
    assertThat(reply.json().path("user").path("email").asText()).isEqualTo(student.email());

    Api.get("/api/v1/users/me", reply.text("accessToken")).expect(200);
    assertThat(
            Db.row("select last_login_at from users.users where id = ?", student.id())
                .get("last_login_at"))
        .isNotNull();
  }

  @Test
  void wrongPasswordAndUnknownEmailAnswerTheSame() {
    Accounts.Session student = Accounts.student();
    Reply wrongPassword =
        Api.post(
                "/api/v1/auth/login",
                Map.of("email", student.email(), "password", "not-the-password"),
                null)
            .expectProblem(401, "auth.invalid-credentials");
    Reply unknownEmail =
        Api.post(
                "/api/v1/auth/login",
                Map.of("email", Api.uniqueEmail("nobody"), "password", "not-the-password"),
                null)
            .expectProblem(401, "auth.invalid-credentials");
    assertThat(wrongPassword.json().path("detail")).isEqualTo(unknownEmail.json().path("detail"));
    Api.post("/api/v1/auth/login", Map.of("email", "x@y.z"), null)
        .expectProblem(400, "request.invalid");
  }

  @Test
  void refreshRotatesBothTokensAndRetiresTheOldOne() {
    Accounts.Session session = Accounts.student();
    Reply first =
        Api.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), null)
            .expect(200);
    String newRefresh = first.text("refreshToken");
    assertThat(newRefresh).isNotEqualTo(session.refreshToken());
    assertThat(first.text("accessToken")).isNotEqualTo(session.accessToken());
    Api.get("/api/v1/users/me", first.text("accessToken")).expect(200);

    // The successor works once more, and only the presented token is stored as a hash.
    Reply second =
        Api.post("/api/v1/auth/refresh", Map.of("refreshToken", newRefresh), null).expect(200);
    assertThat(second.text("refreshToken")).isNotEqualTo(newRefresh);
    String secret = newRefresh.substring(newRefresh.indexOf('.') + 1);
    assertThat(
            Db.count(
                "select count(*) from users.refresh_tokens where secret_hash = ? or token_jti = ?",
                secret,
                newRefresh))
        .isZero();
  }

  @Test
  void presentingAUsedRefreshTokenRevokesTheWholeSignIn() {
    Accounts.Session session = Accounts.student();
    String successor =
        Api.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), null)
            .expect(200)
            .text("refreshToken");

    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), null)
        .expectProblem(401, "auth.refresh-token-reused");

    // The thief's replay also kills the legitimate successor.
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", successor), null)
        .expectProblem(401, "auth.refresh-token-reused");
    assertThat(Accounts.liveRefreshTokens(session.id())).isZero();
  }

  @Test
  void otherSignInsSurviveAReuseInOneChain() {
    String email = Accounts.student().email();
    Accounts.Session phone = Accounts.login(email, Accounts.PASSWORD);
    Accounts.Session laptop = Accounts.login(email, Accounts.PASSWORD);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", phone.refreshToken()), null)
        .expect(200);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", phone.refreshToken()), null)
        .expect(401);

    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", laptop.refreshToken()), null)
        .expect(200);
  }

  @Test
  void garbageRefreshTokensAre401() {
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", "nonsense"), null)
        .expectProblem(401, "auth.invalid-refresh-token");
    String wellFormed = "A".repeat(22) + "." + "B".repeat(43);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", wellFormed), null)
        .expectProblem(401, "auth.invalid-refresh-token");
    Api.post("/api/v1/auth/refresh", Map.of(), null).expectProblem(400, "request.invalid");
  }

  @Test
  void aTamperedSecretDoesNotRevokeTheRealChain() {
    Accounts.Session session = Accounts.student();
    String jti = session.refreshToken().substring(0, session.refreshToken().indexOf('.'));
    String forged = jti + "." + "C".repeat(43);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", forged), null)
        .expectProblem(401, "auth.invalid-refresh-token");
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), null)
        .expect(200);
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    Accounts.Session session = Accounts.student();
    Api.post("/api/v1/auth/logout", Map.of("refreshToken", session.refreshToken()), null)
        .expect(204);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), null)
        .expect(401);
    // Idempotent, and silent about tokens it does not know.
    Api.post("/api/v1/auth/logout", Map.of("refreshToken", session.refreshToken()), null)
        .expect(204);
    Api.post("/api/v1/auth/logout", Map.of("refreshToken", "whatever"), null).expect(204);
    Api.post("/api/v1/auth/logout", Map.of(), null).expectProblem(400, "request.invalid");
  }

  @Test
  void logoutAllRevokesEverySession() {
    Accounts.Session first = Accounts.student();
    Accounts.Session second = Accounts.login(first.email(), Accounts.PASSWORD);

    Api.post("/api/v1/auth/logout-all", null, null).expectProblem(401, "auth.required");
    Api.post("/api/v1/auth/logout-all", null, first.accessToken()).expect(204);

    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", first.refreshToken()), null)
        .expect(401);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", second.refreshToken()), null)
        .expect(401);
    assertThat(Accounts.liveRefreshTokens(first.id())).isZero();
  }

  @Test
  void refreshTokensRecordTheClient() {
    Accounts.Session session = Accounts.student();
    var row =
        Db.row(
            "select ip_address, user_agent, expires_at > now() + interval '29 days' as long_lived"
                + " from users.refresh_tokens where user_id = ?",
            session.id());
    assertThat((String) row.get("ip_address")).isNotBlank();
    assertThat((String) row.get("user_agent")).contains("Java-http-client");
    assertThat(row.get("long_lived")).isEqualTo(true);
  }

  @Test
  void concurrentRefreshesWithOneTokenSucceedOnce() throws Exception {
    Accounts.Session session = Accounts.student();
    List<Parallel.Call> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(
          () ->
              Api.post(
                  "/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), null));
    }
    List<Integer> statuses =
        Parallel.run(calls, java.time.Duration.ofSeconds(60)).stream().map(Reply::status).toList();
    assertThat(statuses).containsOnly(200, 401);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
    // The replays revoked the chain, including the one successor that was handed out.
    assertThat(Accounts.liveRefreshTokens(session.id())).isZero();
  }

  @Test
  void simultaneousSignInsOfOneAccountAllSucceed() throws Exception {
    Accounts.Session account = Accounts.student();
    int devices = 6;
    List<Parallel.Call> calls = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      calls.add(
          () ->
              Api.post(
                  "/api/v1/auth/login",
                  Map.of("email", account.email(), "password", Accounts.PASSWORD),
                  null));
    }
    for (Reply reply : Parallel.run(calls, java.time.Duration.ofSeconds(60))) {
      reply.expect(200);
    }
    // One refresh token per sign-in (the first came from Accounts.student()).
    assertThat(Accounts.liveRefreshTokens(account.id())).isEqualTo(devices + 1);
  }
}
