package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OAuth 2.0 token endpoint (RFC 6749): password and refresh_token grants and their errors. */
class OAuthTokenIT {

  static final String TOKEN = "/api/v1/auth/token";
  static final String FORM = "application/x-www-form-urlencoded";

  static String form(String... pairs) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static Reply postForm(String path, String body) {
    return Api.send("POST", path, body, null, FORM);
  }

  /** Asserts an RFC 6749 section 5.2 error that also carries the problem fields. */
  static Reply expectOAuthError(Reply reply, int status, String error, String code) {
    reply.expect(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.text("error")).isEqualTo(error);
    assertThat(reply.text("error_description")).isNotBlank();
    assertThat(reply.text("detail")).isEqualTo(reply.text("error_description"));
    assertThat(reply.json().path("status").asInt()).isEqualTo(status);
    assertThat(reply.text("code")).isEqualTo(code);
    assertThat(reply.text("type")).isEqualTo("https://lectern.io/problems/" + code);
    assertThat(reply.text("title")).isNotBlank();
    assertThat(reply.raw()).doesNotContain("Exception").doesNotContain("io.lectern");
    return reply;
  }

  static long refreshTokens(UUID userId) {
    return Db.count("select count(*) from users.refresh_tokens where user_id = ?", userId);
  }

  @Test
  void thePasswordGrantSignsInWithTheSameTokensAsTheJsonApi() {
    Accounts.Session student = Accounts.student();
    long before = refreshTokens(student.id());
    Reply reply =
        postForm(
                TOKEN,
                form(
                    "grant_type",
                    "password",
                    "username",
                    student.email().toUpperCase(),
                    "password",
                    Accounts.PASSWORD,
                    "scope",
                    "anything at all",
                    "client_id",
                    "some-public-client"))
            .expect(200);

    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.header("Pragma")).isEqualTo("no-cache");
    assertThat(reply.text("token_type")).isEqualTo("Bearer");
    assertThat(reply.json().path("expires_in").asLong()).isEqualTo(900);
    assertThat(reply.text("access_token")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(reply.text("refresh_token")).isNotBlank();
    assertThat(reply.json().path("user").path("id").asText()).isEqualTo(student.id().toString());
    assertThat(reply.json().path("user").path("email").asText()).isEqualTo(student.email());
    assertThat(reply.json().path("user").path("full_name").asText()).isEqualTo("Test Student");
    assertThat(reply.json().path("user").path("role").asText()).isEqualTo("student");
    assertThat(refreshTokens(student.id())).isEqualTo(before + 1);

    Reply me = Api.get("/api/v1/users/me", reply.text("access_token")).expect(200);
    assertThat(me.text("id")).isEqualTo(student.id().toString());
  }

  @Test
  void wrongCredentialsAreInvalidGrantAndAnswerAlike() {
    Accounts.Session student = Accounts.student();
    Reply wrong =
        expectOAuthError(
            postForm(
                TOKEN,
                form(
                    "grant_type",
                    "password",
                    "username",
                    student.email(),
                    "password",
                    "not-the-password")),
            400,
            "invalid_grant",
            "auth.invalid-credentials");
    Reply unknown =
        expectOAuthError(
            postForm(
                TOKEN,
                form(
                    "grant_type",
                    "password",
                    "username",
                    Api.uniqueEmail("nobody"),
                    "password",
                    "not-the-password")),
            400,
            "invalid_grant",
            "auth.invalid-credentials");
    assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
    assertThat(refreshTokens(student.id())).isEqualTo(1);
  }

  @Test
  void aDeactivatedAccountCannotSignInOrRefresh() {
    Accounts.Session student = Accounts.student();
    Api.patch(
            "/api/v1/admin/users/" + student.id(),
            Map.of("active", false),
            Accounts.admin().accessToken())
        .expect(200);
    expectOAuthError(
        postForm(
            TOKEN,
            form(
                "grant_type",
                "password",
                "username",
                student.email(),
                "password",
                Accounts.PASSWORD)),
        400,
        "invalid_grant",
        "auth.account-deactivated");
    expectOAuthError(
        postForm(
            TOKEN, form("grant_type", "refresh_token", "refresh_token", student.refreshToken())),
        400,
        "invalid_grant",
        "auth.refresh-token-reused");
  }

  @Test
  void theRefreshGrantRotatesAndAReplayRevokesTheSignIn() {
    Accounts.Session session = Accounts.student();
    Reply first =
        postForm(
                TOKEN, form("grant_type", "refresh_token", "refresh_token", session.refreshToken()))
            .expect(200);
    assertThat(first.header("Cache-Control")).isEqualTo("no-store");
    String successor = first.text("refresh_token");
    assertThat(successor).isNotEqualTo(session.refreshToken());
    assertThat(first.json().path("user").path("id").asText()).isEqualTo(session.id().toString());
    Api.get("/api/v1/users/me", first.text("access_token")).expect(200);

    // A token refreshed through the JSON API is spent for the token endpoint too, and vice versa.
    expectOAuthError(
        postForm(
            TOKEN, form("grant_type", "refresh_token", "refresh_token", session.refreshToken())),
        400,
        "invalid_grant",
        "auth.refresh-token-reused");
    expectOAuthError(
        postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", successor)),
        400,
        "invalid_grant",
        "auth.refresh-token-reused");
    assertThat(Accounts.liveRefreshTokens(session.id())).isZero();

    expectOAuthError(
        postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", "nonsense")),
        400,
        "invalid_grant",
        "auth.invalid-refresh-token");
    expectOAuthError(
        postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", "x".repeat(5000))),
        400,
        "invalid_grant",
        "auth.invalid-refresh-token");
  }

  @Test
  void malformedRequestsAreInvalidRequestAndSignNobodyIn() {
    Accounts.Session student = Accounts.student();
    String email = student.email();
    expectOAuthError(
        postForm(TOKEN, form("username", email, "password", Accounts.PASSWORD)),
        400,
        "invalid_request",
        "oauth.missing-parameter");
    expectOAuthError(
        postForm(TOKEN, form("grant_type", "password", "username", email)),
        400,
        "invalid_request",
        "oauth.missing-parameter");
    expectOAuthError(
        postForm(TOKEN, form("grant_type", "password", "password", Accounts.PASSWORD)),
        400,
        "invalid_request",
        "oauth.missing-parameter");
    expectOAuthError(
        postForm(TOKEN, form("grant_type", "refresh_token")),
        400,
        "invalid_request",
        "oauth.missing-parameter");
    expectOAuthError(
        postForm(
            TOKEN,
            form("grant_type", "password", "username", email, "password", Accounts.PASSWORD)
                + "&password=other"),
        400,
        "invalid_request",
        "oauth.duplicate-parameter");
    expectOAuthError(
        postForm(
            TOKEN,
            "grant_type=password&grant_type=password&username=a%40b.c&password=long-enough-pw"),
        400,
        "invalid_request",
        "oauth.duplicate-parameter");
    expectOAuthError(
        postForm(TOKEN, "grant_type=password&username=%ZZ&password=x"),
        400,
        "invalid_request",
        "oauth.malformed-body");
    expectOAuthError(
        postForm(TOKEN, "grant_type=password&username=%FF%FE&password=x"),
        400,
        "invalid_request",
        "oauth.malformed-body");
    expectOAuthError(
        postForm(TOKEN, "grant_type=password&username=a%00b&password=x"),
        400,
        "invalid_request",
        "oauth.control-character");
    expectOAuthError(
        postForm(
            TOKEN, form("grant_type", "password", "username", email, "password", "p".repeat(129))),
        400,
        "invalid_request",
        "oauth.parameter-too-long");
    expectOAuthError(
        postForm(TOKEN, form("grant_type", "authorization_code", "code", "abc")),
        400,
        "unsupported_grant_type",
        "oauth.unsupported-grant-type");
    expectOAuthError(
        postForm(TOKEN, form("grant_type", "client_credentials")),
        400,
        "unsupported_grant_type",
        "oauth.unsupported-grant-type");
    expectOAuthError(postForm(TOKEN, ""), 400, "invalid_request", "oauth.missing-parameter");
    expectOAuthError(
        postForm(TOKEN, "{\"grant_type\":\"password\"}"),
        400,
        "invalid_request",
        "oauth.missing-parameter");

    // Not a form: the API's usual problems.
    Api.post(
            TOKEN,
            Map.of("grant_type", "password", "username", email, "password", Accounts.PASSWORD),
            null)
        .expectProblem(415, "http.unsupported-media-type");
    Api.send("GET", TOKEN, null, null, null).expectProblem(405, "http.method-not-allowed");
    // Only the sign-in of Accounts.student() exists.
    assertThat(refreshTokens(student.id())).isEqualTo(1);
  }

  @Test
  void formBodiesAreBoundedWithOrWithoutALength() throws Exception {
    String huge = "grant_type=password&username=a%40b.c&password=" + "p".repeat(70_000);
    Api.send("POST", TOKEN, huge, null, FORM).expectProblem(413, "request.too-large");

    byte[] bytes = huge.getBytes(StandardCharsets.US_ASCII);
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.BASE_URL + TOKEN))
            .header("Content-Type", FORM)
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(bytes)))
            .build();
    var response =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("request.too-large");
  }

  @Test
  void clientsArePublicAClientSecretIsRefused() {
    Accounts.Session student = Accounts.student();
    String signIn =
        form("grant_type", "password", "username", student.email(), "password", Accounts.PASSWORD);
    Reply refused =
        expectOAuthError(
            postForm(TOKEN, signIn + "&client_id=app&client_secret=s3cret"),
            401,
            "invalid_client",
            "oauth.invalid-client");
    assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
    expectOAuthError(
        Api.send(
            "POST",
            TOKEN,
            signIn,
            null,
            FORM,
            Map.of("Authorization", "Basic " + base64("app:s3cret"))),
        401,
        "invalid_client",
        "oauth.invalid-client");
    expectOAuthError(
        Api.send("POST", TOKEN, signIn, null, FORM, Map.of("Authorization", "Basic !!!")),
        401,
        "invalid_client",
        "oauth.invalid-client");

    // What the OpenAPI UI sends with no client id, and with a client id but no secret.
    Api.send("POST", TOKEN, signIn, null, FORM, Map.of("Authorization", "Basic " + base64(":")))
        .expect(200);
    Api.send(
            "POST",
            TOKEN,
            signIn,
            null,
            FORM,
            Map.of("Authorization", "Basic " + base64("swagger-ui:")))
        .expect(200);
    // A bearer token on a token request is not client authentication.
    Api.send("POST", TOKEN, signIn, student.accessToken(), FORM).expect(200);
    assertThat(refreshTokens(student.id())).isEqualTo(4);
  }

  @Test
  void repeatedFailuresAreThrottledLikeTheJsonSignIn() throws IOException {
    Accounts.Session victim = Accounts.student();
    // From a loopback address of its own, so that the other tests' address keeps its budget.
    InetAddress from = InetAddress.getByName("127.0.0.78");
    String wrong =
        form("grant_type", "password", "username", victim.email(), "password", "guess-guess-1");
    for (int i = 0; i < 5; i++) {
      assertThat(postFrom(from, wrong)).startsWith("HTTP/1.1 400").contains("invalid_grant");
    }
    String throttled =
        postFrom(
            from,
            form(
                "grant_type",
                "password",
                "username",
                victim.email(),
                "password",
                Accounts.PASSWORD));
    assertThat(throttled)
        .startsWith("HTTP/1.1 429")
        .contains("Retry-After")
        .contains("\"error\":\"temporarily_unavailable\"")
        .contains("auth.too-many-attempts")
        .containsIgnoringCase("Content-Type: application/json");
    // The JSON sign-in shares the count.
    Api.post(
            "/api/v1/auth/login",
            Map.of("email", victim.email(), "password", Accounts.PASSWORD),
            null)
        .expectProblem(429, "auth.too-many-attempts");
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String postFrom(InetAddress local, String body) throws IOException {
    int port = Integer.getInteger("lms.test.http-port");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + TOKEN
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nContent-Type: "
              + FORM
              + "\r\nContent-Length: "
              + bytes.length
              + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
