package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect single sign-on end to end, against a real OpenID provider (mock-oauth2-server,
 * started here on the port the server is configured with): the browser's redirects are followed
 * step by step, as a browser would, so that each leg can be checked and tampered with.
 */
class SingleSignOnIT {

  static final String ISSUER_ID = "lectern-it";
  static final String CLIENT_ID = "lectern-it-client";
  static final String FRONT_END = "http://localhost:3000/sso/done";
  static final HttpClient BROWSER =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  static MockOAuth2Server provider;

  @BeforeAll
  static void startProvider() throws Exception {
    provider = new MockOAuth2Server();
    provider.start(InetAddress.getByName("127.0.0.1"), Integer.getInteger("lms.test.oidc-port"));
  }

  @AfterAll
  static void stopProvider() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  /** The provider's next id_token: this subject, with these claims. */
  static void nextPerson(String subject, Map<String, Object> claims) {
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
  }

  static Map<String, Object> person(String email, boolean verified, String role) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("email", email);
    claims.put("email_verified", verified);
    claims.put("name", "Ada Lovelace");
    if (role != null) {
      claims.put("lectern_role", role);
    }
    return claims;
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> values = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return values;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  static String relative(URI uri) {
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** Starts a sign-in and lets the provider answer; returns the callback address it sends back. */
  static URI throughProvider(UnaryOperator<String> tamperAuthorizeUrl) throws Exception {
    Reply start = Api.send("GET", "/api/v1/auth/oidc/mock/login", null, null, null).expect(302);
    String authorize = start.header("Location");
    assertThat(authorize)
        .startsWith(
            "http://127.0.0.1:"
                + Integer.getInteger("lms.test.oidc-port")
                + "/lectern-it/authorize?");
    HttpResponse<String> atProvider =
        BROWSER.send(
            HttpRequest.newBuilder(URI.create(tamperAuthorizeUrl.apply(authorize))).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
    URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(Api.BASE_URL + "/api/v1/auth/oidc/mock/callback?");
    return callback;
  }

  /** A whole sign-in: the one-time code the front end receives. */
  static String signIn(String subject, Map<String, Object> claims) throws Exception {
    nextPerson(subject, claims);
    URI callback = throughProvider(url -> url);
    Reply landed = Api.send("GET", relative(callback), null, null, null).expect(302);
    URI frontEnd = URI.create(landed.header("Location"));
    assertThat(frontEnd.toString()).startsWith(FRONT_END + "?");
    return query(frontEnd).get("code");
  }

  static Reply exchange(String code) {
    return Api.post("/api/v1/auth/oidc/exchange", Map.of("code", code), null);
  }

  static long users(String email) {
    return Db.count("select count(*) from users.users where email = ?", email);
  }

  static long identities(String subject) {
    return Db.count("select count(*) from users.external_identities where subject = ?", subject);
  }

  @Test
  void aNewPersonGetsAnAccountJustInTimeWithTheRoleOfTheClaim() throws Exception {
    Reply start = Api.send("GET", "/api/v1/auth/oidc/mock/login", null, null, null).expect(302);
    Map<String, String> asked = query(URI.create(start.header("Location")));
    assertThat(asked.get("response_type")).isEqualTo("code");
    assertThat(asked.get("client_id")).isEqualTo(CLIENT_ID);
    assertThat(asked.get("redirect_uri"))
        .isEqualTo(Api.BASE_URL + "/api/v1/auth/oidc/mock/callback");
    assertThat(asked.get("scope").split(" ")).contains("openid", "email");
    assertThat(asked.get("code_challenge_method")).isEqualTo("S256");
    assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(asked.get("state")).matches("[A-Za-z0-9_-]{43}");
    assertThat(asked.get("nonce")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(asked.get("state"));
    // Kept server-side (any node can finish the flow), never the verifier in the address.
    var pending =
        Db.row(
            "select provider, code_verifier, expires_at > now() + interval '5 minutes' as alive"
                + " from users.sso_login_attempts where state = ?",
            asked.get("state"));
    assertThat(pending.get("provider")).isEqualTo("mock");
    assertThat(start.header("Location")).doesNotContain((String) pending.get("code_verifier"));
    assertThat(pending.get("alive")).isEqualTo(true);

    String email = Api.uniqueEmail("sso-new");
    String subject = "sub-" + UUID.randomUUID();
    nextPerson(subject, person(email, true, "instructor"));
    URI callback = throughProvider(url -> url);
    Reply landed = Api.send("GET", relative(callback), null, null, null).expect(302);
    String location = landed.header("Location");
    assertThat(location).startsWith(FRONT_END + "?code=").doesNotContain("eyJ");
    assertThat(landed.header("Cache-Control")).isEqualTo("no-store");
    String code = query(URI.create(location)).get("code");
    assertThat(
            Db.count(
                "select count(*) from users.sso_login_attempts where state = ?",
                query(callback).get("state")))
        .isZero();

    Reply tokens = exchange(code).expect(200);
    assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
    assertThat(tokens.json().path("user").path("email").asText()).isEqualTo(email);
    assertThat(tokens.json().path("user").path("role").asText()).isEqualTo("instructor");
    assertThat(tokens.json().path("user").path("fullName").asText()).isEqualTo("Ada Lovelace");
    UUID id = UUID.fromString(tokens.json().path("user").path("id").asText());
    Api.get("/api/v1/users/me", tokens.text("accessToken")).expect(200);
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", tokens.text("refreshToken")), null)
        .expect(200);

    // The code works once; the account has no password anyone could guess.
    exchange(code).expectProblem(400, "oidc.invalid-code");
    assertThat(
            Db.row("select password_hash from users.users where id = ?", id).get("password_hash"))
        .isEqualTo("sso-only");
    OAuthTokenIT.expectOAuthError(
        OAuthTokenIT.postForm(
            OAuthTokenIT.TOKEN,
            OAuthTokenIT.form("grant_type", "password", "username", email, "password", "sso-only")),
        400,
        "invalid_grant",
        "auth.invalid-credentials");

    // Next time the subject finds the same account, even under a new email address.
    String again = signIn(subject, person(Api.uniqueEmail("renamed"), true, "admin"));
    Reply second = exchange(again).expect(200);
    assertThat(second.json().path("user").path("id").asText()).isEqualTo(id.toString());
    assertThat(second.json().path("user").path("role").asText()).isEqualTo("instructor");
    assertThat(identities(subject)).isEqualTo(1);
  }

  @Test
  void anExistingAccountIsLinkedThroughAVerifiedEmailOnly() throws Exception {
    Accounts.Session existing = Accounts.student();
    String unverifiedSubject = "sub-" + UUID.randomUUID();
    nextPerson(unverifiedSubject, person(existing.email(), false, null));
    URI callback = throughProvider(url -> url);
    Reply refused =
        Api.send("GET", relative(callback), null, null, null)
            .expectProblem(403, "oidc.email-not-verified");
    assertThat(refused.text("detail")).contains(existing.email());
    assertThat(identities(unverifiedSubject)).isZero();

    String subject = "sub-" + UUID.randomUUID();
    Reply tokens = exchange(signIn(subject, person(existing.email(), true, "admin"))).expect(200);
    assertThat(tokens.json().path("user").path("id").asText()).isEqualTo(existing.id().toString());
    // The provider's claim does not change the role of an account Lectern already had.
    assertThat(tokens.json().path("user").path("role").asText()).isEqualTo("student");
    assertThat(identities(subject)).isEqualTo(1);
    // The password still works too.
    Accounts.login(existing.email(), Accounts.PASSWORD);
  }

  @Test
  void anUnverifiedEmailCreatesNothing() throws Exception {
    String email = Api.uniqueEmail("sso-unverified");
    String subject = "sub-" + UUID.randomUUID();
    nextPerson(subject, person(email, false, null));
    Api.send("GET", relative(throughProvider(url -> url)), null, null, null)
        .expectProblem(403, "oidc.email-not-verified");
    assertThat(users(email)).isZero();
    assertThat(identities(subject)).isZero();
  }

  @Test
  void anUnknownOrReplayedStateIsRefused() throws Exception {
    Api.send(
            "GET",
            "/api/v1/auth/oidc/mock/callback?state=forged-state&code=anything",
            null,
            null,
            null)
        .expectProblem(400, "oidc.invalid-state");
    Api.send("GET", "/api/v1/auth/oidc/mock/callback?code=anything", null, null, null)
        .expectProblem(400, "oidc.invalid-state");

    String email = Api.uniqueEmail("sso-replay");
    nextPerson("sub-" + UUID.randomUUID(), person(email, true, null));
    URI callback = throughProvider(url -> url);
    Api.send("GET", relative(callback), null, null, null).expect(302);
    // The same callback again (a replayed code with its state): refused, nothing issued.
    long codes = Db.count("select count(*) from users.sso_exchange_codes");
    Api.send("GET", relative(callback), null, null, null).expectProblem(400, "oidc.invalid-state");
    assertThat(Db.count("select count(*) from users.sso_exchange_codes")).isEqualTo(codes);

    // The used code with a fresh sign-in's state: refused by the provider (the code is spent, and
    // its PKCE challenge belongs to the other sign-in), or, were the provider to answer, by Lectern
    // (the id_token would carry the first sign-in's nonce). Either way nobody is signed in.
    String oldCode = query(callback).get("code");
    URI fresh = throughProvider(url -> url);
    Reply replayed =
        Api.send(
            "GET",
            fresh.getRawPath() + "?state=" + query(fresh).get("state") + "&code=" + oldCode,
            null,
            null,
            null);
    assertThat(replayed.status()).as(replayed.raw()).isIn(400, 403);
    assertThat(replayed.header("Content-Type")).startsWith("application/problem+json");
    assertThat(replayed.text("code")).isIn("oidc.code-rejected", "oidc.nonce-mismatch");
    assertThat(Db.count("select count(*) from users.sso_exchange_codes")).isEqualTo(codes);
  }

  @Test
  void anAnswerMadeForAnotherNonceIsRefused() throws Exception {
    String email = Api.uniqueEmail("sso-nonce");
    String subject = "sub-" + UUID.randomUUID();
    nextPerson(subject, person(email, true, null));
    // The provider is asked with another nonce, as an attacker's injected answer would carry.
    URI callback = throughProvider(url -> url.replaceFirst("nonce=[^&]+", "nonce=attackers-nonce"));
    Api.send("GET", relative(callback), null, null, null).expectProblem(403, "oidc.nonce-mismatch");
    assertThat(users(email)).isZero();
    assertThat(identities(subject)).isZero();
  }

  @Test
  void aDeactivatedAccountIsRefused() throws Exception {
    String email = Api.uniqueEmail("sso-deactivated");
    String subject = "sub-" + UUID.randomUUID();
    Reply first = exchange(signIn(subject, person(email, true, null))).expect(200);
    String id = first.json().path("user").path("id").asText();
    String pendingCode = signIn(subject, person(email, true, null));

    Api.patch("/api/v1/admin/users/" + id, Map.of("active", false), Accounts.admin().accessToken())
        .expect(200);
    nextPerson(subject, person(email, true, null));
    Api.send("GET", relative(throughProvider(url -> url)), null, null, null)
        .expectProblem(403, "auth.account-deactivated");
    // A code handed out before the deactivation no longer signs in either.
    exchange(pendingCode).expectProblem(401, "auth.account-deactivated");
    assertThat(users(email)).isEqualTo(1);
  }

  @Test
  void providersAreListedAndUnknownOnesAre404() {
    Reply list = Api.get("/api/v1/auth/oidc/providers", null).expect(200);
    assertThat(list.json().get(0).path("name").asText()).isEqualTo("mock");
    assertThat(list.json().get(0).path("loginUrl").asText())
        .isEqualTo("/api/v1/auth/oidc/mock/login");
    Api.send("GET", "/api/v1/auth/oidc/other/login", null, null, null)
        .expectProblem(404, "oidc.unknown-provider");
    Api.send("GET", "/api/v1/auth/oidc/other/callback?state=x&code=y", null, null, null)
        .expectProblem(404, "oidc.unknown-provider");
    Api.send("GET", "/api/v1/auth/oidc/Not-A-Name/login", null, null, null).expect(400);
    Api.post("/api/v1/auth/oidc/exchange", Map.of("code", "made-up"), null)
        .expectProblem(400, "oidc.invalid-code");
    Api.post("/api/v1/auth/oidc/exchange", Map.of(), null).expectProblem(400, "request.invalid");
  }
}
