package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Repeated failed sign-ins are slowed down per account and per address. */
class ThrottlingIT {

  private static final int PER_ADDRESS = Integer.getInteger("lms.test.max-failures-address", 30);

  @Test
  void anAccountIsThrottledAfterFiveFailures() {
    Accounts.Session victim = Accounts.student();
    var wrong = Map.of("email", victim.email(), "password", "guess-guess-guess");
    for (int i = 0; i < 5; i++) {
      Api.post("/api/v1/auth/login", wrong, null).expectProblem(401, "auth.invalid-credentials");
    }
    Reply throttled =
        Api.post("/api/v1/auth/login", wrong, null).expectProblem(429, "auth.too-many-attempts");
    long retryAfter = Long.parseLong(throttled.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 900L);

    // Even the right password waits, so guessing cannot confirm a hit.
    Api.post(
            "/api/v1/auth/login",
            Map.of("email", victim.email().toUpperCase(), "password", Accounts.PASSWORD),
            null)
        .expectProblem(429, "auth.too-many-attempts");
    // Other accounts are unaffected.
    Accounts.student();
  }

  @Test
  void anAddressIsThrottledAcrossAccounts() throws IOException {
    // Requests from a separate loopback address, so the other tests' address is not used up.
    InetAddress attacker = InetAddress.getByName("127.0.0.77");
    for (int i = 0; i < PER_ADDRESS; i++) {
      String email = Api.uniqueEmail("spray");
      assertThat(loginFrom(attacker, email)).startsWith("HTTP/1.1 401");
    }
    String response = loginFrom(attacker, Api.uniqueEmail("spray"));
    assertThat(response)
        .startsWith("HTTP/1.1 429")
        .contains("Retry-After")
        .contains("auth.too-many-attempts");
    // The usual address still signs in.
    Accounts.student();
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
              + "\r\nContent-Type: application/json\r\nContent-Length: "
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
