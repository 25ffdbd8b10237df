package io.lectern.events.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the webhook admin API. */
public final class WebhookRequests {

  private WebhookRequests() {}

  /** A new subscription; no event types (or an empty list) means every type. */
  public record CreateWebhook(
      @NotBlank @Size(max = 2048) String url,
      @Size(max = 500) String description,
      @Size(max = 50) List<@Size(max = 64) String> eventTypes,
      Boolean enabled) {}

  /**
   * Changes; null fields stay as they are. Enabling a disabled subscription clears its failures.
   */
  public record UpdateWebhook(
      @Size(min = 1, max = 2048) String url,
      @Size(max = 500) String description,
      @Size(max = 50) List<@Size(max = 64) String> eventTypes,
      Boolean enabled) {}
}
