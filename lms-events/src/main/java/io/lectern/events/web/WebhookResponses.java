package io.lectern.events.web;

import io.lectern.events.internal.WebhookRepository.Delivery;
import io.lectern.events.internal.WebhookRepository.DeliveryAttempt;
import io.lectern.events.internal.WebhookRepository.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the webhook admin API. */
public final class WebhookResponses {

  private WebhookResponses() {}

  @Schema(name = "Webhook")
  public record WebhookResponse(
      UUID id,
      String url,
      String description,
      @Schema(description = "Event types sent; empty: all") List<String> eventTypes,
      boolean enabled,
      @Schema(description = "Failed attempts in a row; the subscription is disabled at the limit")
          int consecutiveFailures,
      String disabledReason,
      Instant createdAt,
      Instant updatedAt) {

    static WebhookResponse of(Subscription s) {
      return new WebhookResponse(
          s.id(),
          s.url(),
          s.description(),
          s.eventTypes(),
          s.enabled(),
          s.consecutiveFailures(),
          s.disabledReason(),
          s.createdAt(),
          s.updatedAt());
    }
  }

  @Schema(name = "CreatedWebhook")
  public record CreatedWebhookResponse(
      @Schema(description = "The subscription") WebhookResponse webhook,
      @Schema(
              description =
                  "The signing secret (whsec_ + base64 key). Shown only in this response: store it"
                      + " now.")
          String secret) {}

  @Schema(name = "WebhookDelivery")
  public record DeliveryResponse(
      @Schema(description = "The event's id, sent as webhook-id on every attempt") UUID eventId,
      String eventType,
      long sequence,
      String subject,
      @Schema(enumeration = {"pending", "delivered", "failed"}) String status,
      int attempts,
      Instant nextAttemptAt,
      Integer lastStatusCode,
      String lastError,
      Instant lastAttemptAt,
      Integer lastDurationMs,
      Instant deliveredAt,
      Instant createdAt) {

    static DeliveryResponse of(Delivery d) {
      return new DeliveryResponse(
          d.eventId(),
          d.eventType(),
          d.sequence(),
          d.subject(),
          d.status(),
          d.attempts(),
          d.nextAttemptAt(),
          d.lastStatusCode(),
          d.lastError(),
          d.lastAttemptAt(),
          d.lastDurationMs(),
          d.deliveredAt(),
          d.createdAt());
    }
  }

  @Schema(name = "WebhookAttempt")
  public record AttemptResponse(
      Instant attemptedAt,
      @Schema(description = "The receiver's status code; null when no answer came")
          Integer statusCode,
      int durationMs,
      String error) {

    static AttemptResponse of(DeliveryAttempt a) {
      return new AttemptResponse(a.attemptedAt(), a.statusCode(), a.durationMs(), a.error());
    }
  }

  @Schema(name = "WebhookPage")
  record WebhookPage(
      List<WebhookResponse> items, int page, int size, long totalItems, int totalPages) {}

  @Schema(name = "WebhookDeliveryPage")
  record DeliveryPage(
      List<DeliveryResponse> items, int page, int size, long totalItems, int totalPages) {}

  @Schema(name = "WebhookAttemptPage")
  record AttemptPage(
      List<AttemptResponse> items, int page, int size, long totalItems, int totalPages) {}
}
