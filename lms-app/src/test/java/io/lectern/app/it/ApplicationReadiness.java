package io.lectern.app.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Waits, before the integration tests start, until the application answers {@code /health/ready}.
 * The Liberty plugin returns once the server is up, which on a busy machine can be a minute before
 * the application itself has started; without this every test of such a run fails with Liberty's
 * "context root not found" page. Does nothing where no test server is configured (unit tests).
 */
public class ApplicationReadiness implements LauncherSessionListener {

  private static final Duration LIMIT =
      Duration.ofSeconds(Long.getLong("lms.test.ready-seconds", 300));

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String base = System.getProperty("lms.test.base-url");
    if (base == null) {
      return;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(base + "/health/ready"))
            .timeout(Duration.ofSeconds(10))
            .build();
    long giveUpAt = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < giveUpAt) {
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    // The tests then fail with the server's answer, which says more than a message here.
  }
}
