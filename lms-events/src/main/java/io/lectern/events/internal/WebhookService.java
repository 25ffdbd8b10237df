package io.lectern.events.internal;

import io.lectern.events.api.EventTypes;
import io.lectern.events.internal.WebhookRepository.Delivery;
import io.lectern.events.internal.WebhookRepository.DeliveryAttempt;
import io.lectern.events.internal.WebhookRepository.Subscription;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Admin management of webhook subscriptions, their delivery log, redelivery and test sends. */
@ApplicationScoped
public class WebhookService {

  @Inject WebhookRepository webhooks;
  @Inject Outbox outbox;
  @Inject Actors actors;
  @Inject WebhookSettings settings;
  @Inject Clock clock;

  /** A new subscription with its secret: the only time the secret leaves the server. */
  public record Created(Subscription subscription, String secret) {}

  @Transactional
  public Created create(String url, String description, List<String> eventTypes, Boolean enabled) {
    String target = checkTarget(url);
    List<String> types = checkTypes(eventTypes);
    UUID id = UUID.randomUUID();
    String secret = WebhookSigner.newSecret();
    webhooks.insert(
        id, target, blankToNull(description), types, secret, enabled == null || enabled, now());
    return new Created(webhooks.find(id).orElseThrow(), secret);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Subscription> list(PageRequest paging) {
    return webhooks.list(paging);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Subscription get(UUID id) {
    return webhooks.find(id).orElseThrow(WebhookService::notFound);
  }

  /** Applies the given changes (null = unchanged); enabling again clears the failure run. */
  @Transactional
  public Subscription update(
      UUID id, String url, String description, List<String> eventTypes, Boolean enabled) {
    Subscription current = webhooks.lock(id).orElseThrow(WebhookService::notFound);
    webhooks.update(
        id,
        url == null ? current.url() : checkTarget(url),
        description == null ? current.description() : blankToNull(description),
        eventTypes == null ? current.eventTypes() : checkTypes(eventTypes),
        enabled == null ? current.enabled() : enabled,
        now());
    return webhooks.find(id).orElseThrow();
  }

  @Transactional
  public void delete(UUID id) {
    if (!webhooks.delete(id)) {
      throw notFound();
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Delivery> deliveries(UUID id, String status, PageRequest paging) {
    get(id);
    if (status != null
        && !status.equals("pending")
        && !status.equals("delivered")
        && !status.equals("failed")) {
      throw LmsException.invalidField(
          "webhooks.invalid-status", "status", "must be pending, delivered or failed");
    }
    return webhooks.deliveries(id, status, paging);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Delivery delivery(UUID id, UUID eventId) {
    return webhooks.delivery(id, eventId).orElseThrow(WebhookService::deliveryNotFound);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<DeliveryAttempt> attempts(UUID id, UUID eventId, PageRequest paging) {
    delivery(id, eventId);
    return webhooks.attempts(id, eventId, paging);
  }

  /** Sends the event again, with the same id, on a fresh retry schedule. */
  @Transactional
  public Delivery redeliver(UUID id, UUID eventId) {
    get(id);
    if (!webhooks.redeliver(id, eventId, now())) {
      throw deliveryNotFound();
    }
    return delivery(id, eventId);
  }

  /** Queues a {@code webhook.test} event for this subscription only; returns its delivery. */
  @Transactional
  public Delivery sendTest(UUID id) {
    Subscription subscription = get(id);
    Instant now = now();
    OutboxEvent event =
        new OutboxEvent(
            EventTypes.WEBHOOK_TEST,
            "webhook:" + id,
            now,
            Json.createObjectBuilder()
                .add("subscriptionId", subscription.id().toString())
                .add("message", "A test event sent on request.")
                .build());
    UUID eventId = outbox.appendFor(id, event, 1, actors.current(), now);
    return delivery(id, eventId);
  }

  /** The URL, checked for shape and, unless allowed, for addresses inside the network. */
  String checkTarget(String url) {
    String trimmed = url == null ? "" : url.strip();
    String problem = trimmed.length() > 2048 ? "is longer than 2048 characters" : null;
    if (problem == null) {
      problem = TargetGuard.shapeProblem(trimmed);
    }
    if (problem == null && !settings.allowPrivateTargets()) {
      try {
        InetAddress refused = TargetGuard.firstRefused(TargetGuard.resolve(URI.create(trimmed)));
        if (refused != null) {
          problem =
              "resolves to "
                  + refused.getHostAddress()
                  + ", a loopback, link-local, private or otherwise internal address";
        }
      } catch (UnknownHostException e) {
        problem = "names a host that does not resolve";
      }
    }
    if (problem != null) {
      throw LmsException.invalidField("webhooks.invalid-url", "url", problem);
    }
    return trimmed;
  }

  static List<String> checkTypes(List<String> types) {
    if (types == null) {
      return List.of();
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      if (type == null || !EventTypes.SUBSCRIBABLE.contains(type)) {
        throw LmsException.invalidField(
            "webhooks.unknown-event-type",
            "eventTypes[" + i + "]",
            "is not an event type of the catalogue");
      }
      distinct.add(type);
    }
    return List.copyOf(distinct);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private Instant now() {
    return clock.instant();
  }

  static LmsException notFound() {
    return LmsException.notFound("webhooks.not-found", "No webhook subscription has this id.");
  }

  static LmsException deliveryNotFound() {
    return LmsException.notFound(
        "webhooks.delivery-not-found", "This subscription has no delivery of this event.");
  }
}
