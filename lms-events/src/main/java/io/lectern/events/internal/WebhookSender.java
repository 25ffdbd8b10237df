package io.lectern.events.internal;

import io.lectern.events.internal.WebhookRepository.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

/**
 * Sends one claimed delivery as a Standard Webhooks request and records the outcome. The body is
 * rebuilt from the outbox row on every attempt (the same bytes: the payload is stored as jsonb);
 * {@code webhook-id} is the event's id, the same on every retry and redelivery, so receivers can
 * drop duplicates. Redirects are not followed: a 3xx is a failure.
 */
@ApplicationScoped
public class WebhookSender {

  @Inject Dispatcher dispatcher;
  @Inject WebhookSettings settings;
  @Inject Clock clock;

  private volatile HttpClient client;

  private HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(settings.timeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return client;
  }

  public void send(Claim claim) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    try {
      URI target = URI.create(claim.url());
      if (!settings.allowPrivateTargets()) {
        InetAddress refused = TargetGuard.firstRefused(TargetGuard.resolve(target));
        if (refused != null) {
          dispatcher.failed(
              claim, started, null, 0, "Refused: the target resolves to an internal address.");
          return;
        }
      }
      String body = body(claim);
      long timestamp = started.getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(settings.timeout())
              .header("content-type", "application/json")
              .header("user-agent", "Lectern-Webhooks/1")
              .header("webhook-id", claim.eventId().toString())
              .header("webhook-timestamp", Long.toString(timestamp))
              .header(
                  "webhook-signature",
                  WebhookSigner.sign(claim.secret(), claim.eventId().toString(), timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
      int millis = millisSince(t0);
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        dispatcher.succeeded(claim, started, status, millis);
      } else {
        dispatcher.failed(claim, started, status, millis, "HTTP " + status);
      }
    } catch (UnknownHostException e) {
      dispatcher.failed(claim, started, null, millisSince(t0), "The host does not resolve.");
    } catch (IOException | IllegalArgumentException e) {
      dispatcher.failed(
          claim,
          started,
          null,
          millisSince(t0),
          e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dispatcher.failed(claim, started, null, millisSince(t0), "Interrupted");
    }
  }

  /** The envelope: event metadata around the documented payload under {@code data}. */
  static String body(Claim claim) {
    return Envelope.of(claim);
  }

  private static int millisSince(long t0) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - t0) / 1_000_000);
  }
}
