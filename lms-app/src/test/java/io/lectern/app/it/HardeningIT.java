package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or careless client sends: each case gets a 4xx problem+json with a clear code and
 * changes nothing; expired tokens are refused past the configured clock skew; request metrics stay
 * bounded whatever paths and values are sent.
 */
class HardeningIT {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void controlCharactersAndUnpairedSurrogatesInJsonTextAreRefusedAndNothingIsStored() {
    String email = Api.uniqueEmail("nul");
    for (String fullName : List.of("a\\u0000b", "bell\\u0007", "a\\ud800b", "a\\udc00")) {
      String body =
          "{\"email\":\""
              + email
              + "\",\"password\":\"long-enough-1\",\"fullName\":\""
              + fullName
              + "\"}";
      Reply reply = Api.send("POST", "/api/v1/auth/register", body, null, "application/json");
      assertThat(reply.status()).as(fullName).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.text("code")).isIn("request.control-character", "request.invalid-unicode");
      assertThat(reply.text("detail")).isNotBlank();
    }
    assertThat(Db.count("SELECT count(*) FROM users.users WHERE email = ?", email)).isZero();

    // Tabs and line breaks stay allowed in text.
    Api.send(
            "POST",
            "/api/v1/auth/register",
            "{\"email\":\""
                + email
                + "\",\"password\":\"long-enough-1\",\"fullName\":\"Tab\\tName \\ud83d\\ude00\"}",
            null,
            "application/json")
        .expect(201);
  }

  @Test
  void controlCharactersInQueryParametersAreRefused() {
    for (String query : List.of("q=%00", "q=a%0d%0ab", "category=%07", "q%00=x")) {
      Reply reply = Api.get("/api/v1/courses?" + query, null);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.text("code")).isEqualTo("request.control-character");
    }
    Api.get("/api/v1/courses?q=caf%C3%A9", null).expect(200);
  }

  @Test
  void deeplyNestedJsonIsRefusedOnEveryEndpointThatReadsABody() {
    String token = Accounts.student().accessToken();
    String deep = "[".repeat(2000) + "]".repeat(2000);
    for (String[] call :
        List.of(
            new String[] {"POST", "/v1/tutorials/progress/import"},
            new String[] {"POST", "/v1/tutorials/progress/t-deep/complete"},
            new String[] {"DELETE", "/v1/tutorials/progress/t-deep"},
            new String[] {"POST", "/api/v1/auth/login"},
            new String[] {"PATCH", "/api/v1/users/me"})) {
      Reply reply = Api.send(call[0], call[1], deep, token, "application/json");
      assertThat(reply.status()).as(call[1]).isEqualTo(400);
      assertThat(reply.text("code")).isEqualTo("request.too-deep");
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIs413BeforeItIsParsed() throws Exception {
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(twoMegabytes, (byte) ' ');
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + "/api/v1/auth/login"))
            .header("Content-Type", "application/json")
            // A publisher of unknown length: the client sends Transfer-Encoding: chunked.
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(twoMegabytes)))
            .build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(Api.parse(response.body()).path("code").asText()).isEqualTo("request.too-large");
  }

  @Test
  void aValidValuePaddedPastTheLimitOrFollowedByDataIsRefused() throws Exception {
    Accounts.Session student = Accounts.student();
    byte[] padded =
        ("{\"fullName\":\"Padded Name\"}" + " ".repeat(2 * 1024 * 1024))
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + "/api/v1/users/me"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + student.accessToken())
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded)))
            .build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);

    Reply trailing =
        Api.send(
            "PATCH",
            "/api/v1/users/me",
            "{\"fullName\":\"Trailing\"} {}",
            student.accessToken(),
            "application/json");
    assertThat(trailing.status()).isEqualTo(400);
    assertThat(trailing.text("code")).isEqualTo("request.malformed-json");
    Reply hand =
        Api.send(
            "POST",
            "/v1/tutorials/progress/t-trailing/complete",
            "{} []",
            student.accessToken(),
            "application/json");
    assertThat(hand.status()).isEqualTo(400);
    assertThat(
            Db.count(
                "SELECT count(*) FROM users.users WHERE full_name IN ('Padded Name', 'Trailing')"))
        .isZero();
  }

  @Test
  void malformedMultipartUploadsAre400AndStoreNothing() {
    Accounts.Session student = Accounts.student();
    String longName = "n".repeat(10_000);
    Map<String, String[]> cases =
        Map.of(
            "no boundary", new String[] {"multipart/form-data", "--XX\r\n\r\nx\r\n--XX--\r\n"},
            "no Content-Disposition",
                new String[] {
                  "multipart/form-data; boundary=XX",
                  "--XX\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XX--\r\n"
                },
            "header line over 1,000 characters",
                new String[] {
                  "multipart/form-data; boundary=XX",
                  "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                      + longName
                      + ".txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XX--\r\n"
                },
            "no part at all", new String[] {"multipart/form-data; boundary=XX", "--XX--\r\n"});
    cases.forEach(
        (name, request) -> {
          Reply reply =
              Api.send("POST", "/api/v1/files", request[1], student.accessToken(), request[0]);
          assertThat(reply.status()).as(name).isEqualTo(400);
          assertThat(reply.header("Content-Type")).as(name).startsWith("application/problem+json");
          assertThat(reply.text("code"))
              .as(name)
              .isIn("request.malformed-multipart", "files.unnamed-part", "files.missing-file");
        });
    assertThat(
            Db.count(
                "SELECT count(*) FROM certificates.uploaded_files WHERE uploader_id = ?",
                student.id()))
        .isZero();
  }

  @Test
  void addressesTheWebContainerRefusesGetProblemJson() throws IOException {
    for (String path :
        List.of(
            "/api/v1/courses/..%2Fx", "/api/v1/courses/%FF%FE", "/api/v1/..%2F..%2Fetc%2Fpasswd")) {
      RawReply reply = raw("GET " + path + " HTTP/1.1");
      assertThat(reply.status).as(path).isEqualTo(400);
      assertThat(reply.contentType).as(path).startsWith("application/problem+json");
      assertThat(Api.parse(reply.body).path("status").asInt()).isEqualTo(400);
      assertThat(reply.body).doesNotContain("etc").doesNotContain("SRVE");
    }
  }

  /**
   * Liberty refuses a NUL, CR or LF, a lone {@code %} or a climb above the root in the path itself
   * (Servlet 6 URI canonicalization) before any application code runs, with its own 400 body; no
   * setting routes these to the application's error page. They never reach a resource.
   */
  @Test
  void addressesRefusedBeforeTheApplicationAre400AndReachNothing() throws IOException {
    for (String path :
        List.of(
            "/api/v1/courses/a%00b",
            "/api/v1/courses/a%0d%0ab", "/api/v1/courses/%", "/verify/..%2F..%2Fetc")) {
      RawReply reply = raw("GET " + path + " HTTP/1.1");
      assertThat(reply.status).as(path).isEqualTo(400);
      assertThat(reply.body).as(path).doesNotContain("Exception").doesNotContain("at io.");
    }
  }

  @Test
  void anExpiredTokenIsRefusedOnceTheClockSkewHasPassed() throws Exception {
    Accounts.Session student = Accounts.student();
    assertThat(Api.get("/api/v1/users/me", token(student, Duration.ofSeconds(-120))).status())
        .isEqualTo(200);
    // Within the 60 s of allowed clock difference...
    assertThat(Api.get("/api/v1/users/me", token(student, Duration.ofSeconds(20))).status())
        .isEqualTo(200);
    // ...and past it.
    Reply expired = Api.get("/api/v1/users/me", token(student, Duration.ofSeconds(61)));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void requestMetricsStayBoundedWhateverPathsAndValuesAreSent() {
    Api.get("/api/v1/courses", null).expect(200);
    int before = metricSeries();
    for (int i = 0; i < 150; i++) {
      String junk = UUID.randomUUID().toString();
      Api.get("/api/v1/" + junk + "/x" + i, null);
      Api.get("/api/v1/courses/" + junk, null);
      Api.get("/api/v1/courses?q=" + junk, null);
      Api.send("BREW" + (i % 3), "/api/v1/courses", null, null, null);
    }
    int after = metricSeries();
    // At most the new combinations of a known route or "unmatched" with a method and status class.
    assertThat(after - before).isLessThanOrEqualTo(12);
    String metrics = Api.get("/metrics", null).raw();
    assertThat(metrics).doesNotContain("quantile=").doesNotContain("REST_request_seconds");
    assertThat(metrics).contains("route=\"/api/v1/courses/{id}\"").contains("route=\"unmatched\"");
  }

  private static int metricSeries() {
    String metrics = Api.get("/metrics", null).raw();
    return (int)
        metrics
            .lines()
            .filter(line -> line.startsWith("lectern_http_requests_seconds_count"))
            .count();
  }

  /** A token signed with the server's own key, expired {@code expiredAgo} ago. */
  private static String token(Accounts.Session user, Duration expiredAgo) throws Exception {
    // The shared signing key, as the servers keep it (unencrypted: no LMS_JWT_KEY_SECRET here).
    var signing =
        Db.row(
            "select kid, private_key from users.signing_keys where activates_at <= now()"
                + " order by activates_at desc limit 1");
    String pem =
        ((String) signing.get("private_key"))
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    long exp = Instant.now().minus(expiredAgo).getEpochSecond();
    String header =
        b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + signing.get("kid") + "\"}");
    String claims =
        b64(
            String.format(
                "{\"iss\":\"lectern\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":[\"student\"],"
                    + "\"jti\":\"%s\",\"sid\":\"%s\",\"iat\":%d,\"exp\":%d}",
                user.id(), user.email(), UUID.randomUUID(), UUID.randomUUID(), exp - 900, exp));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key);
    signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header
        + "."
        + claims
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private record RawReply(int status, String contentType, String body) {}

  /** Sends a request line as is: HTTP clients refuse to send some of these addresses. */
  static RawReply raw(String requestLine) throws IOException {
    URI base = URI.create(Api.BASE_URL);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + "\r\nHost: "
                  + base.getHost()
                  + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = response.indexOf("\r\n\r\n");
      String head = split < 0 ? response : response.substring(0, split);
      String body = split < 0 ? "" : response.substring(split + 4);
      Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
      Matcher type = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(head);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new RawReply(
          status.find() ? Integer.parseInt(status.group(1)) : -1,
          type.find() ? type.group(1).trim() : "",
          body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim().split(";")[0], 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
