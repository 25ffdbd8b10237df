package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Per-caller rate limits counted in PostgreSQL. The test server shares one configuration with every
 * other test, whose users send hundreds of requests a minute from one address: there the general
 * classes are set high, and one route, {@code POST /api/v1/auth/logout-all}, has a class of its own
 * ({@code it-probe}) with a low quota that only this test reaches. A second node is simulated the
 * way a second node works: by writing the shared rows in PostgreSQL with the statement form the
 * server uses.
 */
class RateLimitIT {

  private static final int PROBE = Integer.getInteger("lms.test.rate-limit-probe", 10);
  private static final int WRITES = Integer.getInteger("lms.test.rate-limit-writes", 20_000);
  private static final int SIGN_IN = Integer.getInteger("lms.test.rate-limit-sign-in", 20_000);
  private static final Pattern RATE_LIMIT = Pattern.compile("\"([a-z0-9-]+)\";r=(\\d+);t=(\\d+)");

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "patch", "delete", "head", "options");

  /** Requests this test saw refused by a rate limit (429 server.rate-limited). */
  private static final AtomicInteger REFUSED = new AtomicInteger();

  /** Another node's share of a caller's count: the server's own upsert, run from outside. */
  private static final String OTHER_NODE_HITS =
      """
      INSERT INTO users.rate_limit_counters AS c (limit_key, window_start, hits)
      VALUES (?, date_trunc('minute', now()), ?)
      ON CONFLICT (limit_key) DO UPDATE
         SET hits = CASE WHEN excluded.window_start > c.window_start THEN excluded.hits
                         ELSE c.hits + excluded.hits END,
             window_start = GREATEST(c.window_start, excluded.window_start)
      """;

  @AfterAll
  static void report() {
    System.out.println("RateLimitIT: requests refused by rate limits: " + REFUSED.get());
  }

  @Test
  void theWriteAfterTheQuotaIsRefusedWithTheFieldsAndChangesNothing() {
    awaitWindowWithSecondsLeft(20);
    Accounts.Session student = Accounts.student();

    for (int i = 1; i <= PROBE; i++) {
      // A sign-in per call: signing out everywhere may also end the access tokens issued before.
      Accounts.Session session = Accounts.login(student.email(), Accounts.PASSWORD);
      Reply ok = Api.post("/api/v1/auth/logout-all", null, session.accessToken()).expect(204);
      assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"it-probe\";q=" + PROBE + ";w=60");
      assertThat(remaining(ok, "it-probe")).isEqualTo(PROBE - i);
    }
    // A fresh sign-in gives a live refresh token that a sign-out everywhere would revoke.
    Accounts.Session again = Accounts.login(student.email(), Accounts.PASSWORD);
    assertThat(Accounts.liveRefreshTokens(student.id())).isEqualTo(1);

    Reply refused =
        refused(Api.post("/api/v1/auth/logout-all", null, again.accessToken()), "it-probe");

    assertThat(refused.json().path("detail").asText()).contains(PROBE + " per 60 seconds");
    assertThat(Accounts.liveRefreshTokens(student.id()))
        .as("the refused sign-out everywhere revoked nothing")
        .isEqualTo(1);
    assertThat(counter("it-probe:user:" + student.id())).isEqualTo(PROBE + 1L);

    // Another user's count is their own.
    Accounts.Session other = Accounts.student();
    Reply fine = Api.post("/api/v1/auth/logout-all", null, other.accessToken()).expect(204);
    assertThat(remaining(fine, "it-probe")).isEqualTo(PROBE - 1);
    // The same user's other classes are unaffected.
    Reply read = Api.get("/api/v1/users/me", again.accessToken()).expect(200);
    assertThat(read.header("RateLimit-Policy")).startsWith("\"reads\";q=");
  }

  @Test
  void writesCountedByAnotherNodeUseUpTheSameQuota() {
    awaitWindowWithSecondsLeft(20);
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("limits");
    String chapter = Tutorials.SEED + "/" + tutorial + "/chapter";
    String key = "writes:user:" + student.id();

    Reply first =
        Api.post(chapter, Map.of("chapterId", "c1", "watchTime", 10), student.accessToken())
            .expect(200);
    assertThat(first.header("RateLimit-Policy")).isEqualTo("\"writes\";q=" + WRITES + ";w=60");
    assertThat(remaining(first, "writes")).isEqualTo(WRITES - 1);
    assertThat(counter(key)).as("the count lives in PostgreSQL").isEqualTo(1);

    // A second node serves the same student's other writes and counts them in the same row.
    otherNodeCounts(key, WRITES - 2);
    Reply last =
        Api.post(chapter, Map.of("chapterId", "c1", "watchTime", 20), student.accessToken())
            .expect(200);
    assertThat(remaining(last, "writes")).isZero();

    Reply refused =
        refused(
            Api.post(chapter, Map.of("chapterId", "c1", "watchTime", 99), student.accessToken()),
            "writes");

    assertThat(refused.json().path("instance").asText()).isEqualTo(chapter);
    assertThat(Tutorials.chapterRows(student.id(), tutorial))
        .singleElement()
        .satisfies(row -> assertThat(((Number) row.get("watch_time")).intValue()).isEqualTo(20));
    assertThat(counter(key)).isEqualTo(WRITES + 1L);
    // Reads are a class of their own.
    Api.get(Tutorials.SEED + "/" + tutorial, student.accessToken()).expect(200);
  }

  @Test
  void anonymousCallersAreCountedByTheConnectingAddressNotByForwardingHeaders() {
    String forged = "203.0.113." + (1 + (int) (Math.random() * 250));
    Reply catalogue =
        Api.send(
                "GET",
                "/api/v1/courses",
                null,
                null,
                "application/json",
                Map.of("X-Forwarded-For", forged, "Forwarded", "for=" + forged))
            .expect(200);

    assertThat(catalogue.header("RateLimit-Policy")).startsWith("\"reads\";q=");
    assertThat(counter("reads:address:127.0.0.1")).isPositive();
    assertThat(
            Db.count(
                "select count(*) from users.rate_limit_counters where limit_key like ?",
                "%" + forged + "%"))
        .isZero();
  }

  @Test
  void signInIsCountedPerAddressAcrossNodes() throws IOException {
    awaitWindowWithSecondsLeft(20);
    // A loopback address of its own, so the address every other test signs in from is untouched.
    String address = "127.0.0." + (80 + (int) (Math.random() * 40));
    String key = "sign-in:address:" + address;
    otherNodeCounts(key, SIGN_IN - 1);

    String last = loginFrom(InetAddress.getByName(address), Api.uniqueEmail("limit"));
    String refused = loginFrom(InetAddress.getByName(address), Api.uniqueEmail("limit"));

    assertThat(last).startsWith("HTTP/1.1 401").containsIgnoringCase("RateLimit: \"sign-in\";r=0;");
    assertThat(refused)
        .startsWith("HTTP/1.1 429")
        .contains("server.rate-limited")
        .containsIgnoringCase("Retry-After: ")
        .containsIgnoringCase("RateLimit-Policy: \"sign-in\";q=" + SIGN_IN + ";w=60");
    REFUSED.incrementAndGet();
    assertThat(counter(key)).isEqualTo(SIGN_IN + 1L);
    // The refused attempt never reached the password check: no failure was recorded for it.
    assertThat(
            Db.count(
                "select count(*) from users.sign_in_failures where subject = ?",
                "address:" + address))
        .isEqualTo(1);
  }

  @Test
  void failedSignInsRecordedByAnotherNodeThrottleTheAccountHere() {
    Accounts.Session victim = Accounts.student();
    String subject = "account:" + victim.email();
    var wrong = Map.of("email", victim.email(), "password", "guess-guess-guess");
    for (int i = 0; i < 2; i++) {
      Api.post("/api/v1/auth/login", wrong, null).expectProblem(401, "auth.invalid-credentials");
    }
    assertThat(Db.count("select count(*) from users.sign_in_failures where subject = ?", subject))
        .as("failures are kept in PostgreSQL, outside the failed sign-in's rolled-back transaction")
        .isEqualTo(2);

    // Another node saw three more failures for the same account (the limit is five).
    for (int i = 0; i < 3; i++) {
      Db.rows(
          "insert into users.sign_in_failures (subject, failed_at) values (?, now()) returning 1",
          subject);
    }

    Reply throttled =
        Api.post(
                "/api/v1/auth/login",
                Map.of("email", victim.email(), "password", Accounts.PASSWORD),
                null)
            .expectProblem(429, "auth.too-many-attempts");
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 900L);
  }

  @Test
  void theOpenApiDocumentDeclaresThe429AndItsFieldsOnEveryOperation() {
    var document = Api.get("/openapi?format=JSON", null).expect(200).json();

    for (String header : new String[] {"Retry-After", "RateLimit-Policy", "RateLimit"}) {
      assertThat(document.path("components").path("headers").has(header)).as(header).isTrue();
    }
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue().properties().stream()
                    .filter(operation -> METHODS.contains(operation.getKey()))
                    .forEach(
                        operation -> {
                          var tooMany = operation.getValue().path("responses").path("429");
                          assertThat(
                                  tooMany.path("headers").path("RateLimit").path("$ref").asText())
                              .as("%s %s", operation.getKey(), path.getKey())
                              .isEqualTo("#/components/headers/RateLimit");
                          assertThat(tooMany.path("headers").has("Retry-After")).isTrue();
                          assertThat(tooMany.path("headers").has("RateLimit-Policy")).isTrue();
                        }));
  }

  private static Reply refused(Reply reply, String policy) {
    reply.expectProblem(429, "server.rate-limited");
    REFUSED.incrementAndGet();
    long retryAfter = Long.parseLong(reply.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(reply.header("RateLimit-Policy")).startsWith("\"" + policy + "\";q=");
    Matcher state = RATE_LIMIT.matcher(reply.header("RateLimit"));
    assertThat(state.matches()).as("RateLimit field %s", reply.header("RateLimit")).isTrue();
    assertThat(state.group(1)).isEqualTo(policy);
    assertThat(state.group(2)).isEqualTo("0");
    assertThat(Long.parseLong(state.group(3))).isEqualTo(retryAfter);
    return reply;
  }

  private static long remaining(Reply reply, String policy) {
    Matcher state = RATE_LIMIT.matcher(String.valueOf(reply.header("RateLimit")));
    assertThat(state.matches()).as("RateLimit field %s", reply.header("RateLimit")).isTrue();
    assertThat(state.group(1)).isEqualTo(policy);
    assertThat(Long.parseLong(state.group(3))).isBetween(1L, 60L);
    return Long.parseLong(state.group(2));
  }

  private static long counter(String key) {
    return Db.count(
        "select coalesce(sum(hits), 0) from users.rate_limit_counters where limit_key = ?", key);
  }

  private static void otherNodeCounts(String key, int hits) {
    Db.rows(OTHER_NODE_HITS + " RETURNING hits", key, hits);
  }

  /**
   * Windows are whole minutes: start a test that needs one window only when enough of the current
   * one is left, so that no count restarts in the middle of it.
   */
  private static void awaitWindowWithSecondsLeft(int seconds) {
    int left = 60 - (int) (Instant.now().getEpochSecond() % 60);
    if (left < seconds) {
      try {
        Thread.sleep(left * 1000L + 200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static String loginFrom(InetAddress local, String email) throws IOException {
    int port = Integer.getInteger("lms.test.http-port");
    String body = Api.JSON.writeValueAsString(Map.of("email", email, "password", "wrong-password"));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nContent-Type: application/json\r\nX-Forwarded-For: 198.51.100.7"
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
