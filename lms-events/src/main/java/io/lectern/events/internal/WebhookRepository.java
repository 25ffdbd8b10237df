package io.lectern.events.internal;

import static io.lectern.events.internal.Outbox.time;
import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.integerOrNull;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The webhook tables, in native SQL: subscriptions, deliveries and their attempt log. */
@ApplicationScoped
public class WebhookRepository {

  /** A subscription as stored (the secret is read only by the dispatcher). */
  public record Subscription(
      UUID id,
      String url,
      String description,
      List<String> eventTypes,
      boolean enabled,
      int consecutiveFailures,
      String disabledReason,
      Instant createdAt,
      Instant updatedAt) {}

  /** One event's delivery to one subscription. */
  public record Delivery(
      UUID eventId,
      String eventType,
      long sequence,
      String subject,
      String status,
      int attempts,
      Instant nextAttemptAt,
      Integer lastStatusCode,
      String lastError,
      Instant lastAttemptAt,
      Integer lastDurationMs,
      Instant deliveredAt,
      Instant createdAt) {}

  /** One HTTP attempt of a delivery. */
  public record DeliveryAttempt(
      Instant attemptedAt, Integer statusCode, int durationMs, String error) {}

  /** A delivery claimed by this node, with what it takes to send it. */
  public record Claim(
      UUID subscriptionId,
      UUID eventId,
      String url,
      String secret,
      int attempts,
      String type,
      int version,
      Instant occurredAt,
      String subject,
      UUID actor,
      long sequence,
      String payload) {}

  private static final String SUBSCRIPTION_COLUMNS =
      """
      id, url, description, array_to_string(event_types, ',') AS event_types, enabled,
      consecutive_failures, disabled_reason, created_at, updated_at
      """;

  private static final String INSERT =
      """
      INSERT INTO events.webhook_subscription
        (id, url, description, event_types, secret, enabled, created_at, updated_at)
      VALUES (:id, :url, :description, string_to_array(:types, ','), :secret, :enabled, :now, :now)
      """;

  private static final String FIND =
      "SELECT " + SUBSCRIPTION_COLUMNS + " FROM events.webhook_subscription WHERE id = :id";

  private static final String LOCK = FIND + " FOR UPDATE";

  private static final String LIST =
      "SELECT "
          + SUBSCRIPTION_COLUMNS
          + " FROM events.webhook_subscription ORDER BY created_at, id LIMIT :limit OFFSET :offset";

  private static final String COUNT = "SELECT count(*) AS n FROM events.webhook_subscription";

  private static final String UPDATE =
      """
      UPDATE events.webhook_subscription
      SET url = :url, description = :description, event_types = string_to_array(:types, ','),
          enabled = :enabled,
          consecutive_failures = CASE WHEN :enabled AND NOT enabled THEN 0
                                      ELSE consecutive_failures END,
          disabled_reason = CASE WHEN :enabled THEN NULL ELSE disabled_reason END,
          updated_at = :now
      WHERE id = :id
      """;

  private static final String DELETE = "DELETE FROM events.webhook_subscription WHERE id = :id";

  private static final String DELIVERY_COLUMNS =
      """
      d.event_id, o.type AS event_type, d.event_sequence, d.subject, d.status, d.attempts,
      d.next_attempt_at, d.last_status_code, d.last_error, d.last_attempt_at, d.last_duration_ms,
      d.delivered_at, d.created_at
      """;

  private static final String DELIVERIES =
      "SELECT "
          + DELIVERY_COLUMNS
          + """
          FROM events.webhook_delivery d
          JOIN events.outbox o ON o.id = d.event_id
          WHERE d.subscription_id = :subscription
            AND (CAST(:status AS text) IS NULL OR d.status = CAST(:status AS text))
          ORDER BY d.event_sequence DESC
          LIMIT :limit OFFSET :offset
          """;

  private static final String COUNT_DELIVERIES =
      """
      SELECT count(*) AS n FROM events.webhook_delivery d
      WHERE d.subscription_id = :subscription
        AND (CAST(:status AS text) IS NULL OR d.status = CAST(:status AS text))
      """;

  private static final String DELIVERY =
      "SELECT "
          + DELIVERY_COLUMNS
          + """
          FROM events.webhook_delivery d
          JOIN events.outbox o ON o.id = d.event_id
          WHERE d.subscription_id = :subscription AND d.event_id = :event
          """;

  private static final String ATTEMPTS =
      """
      SELECT attempted_at, status_code, duration_ms, error
      FROM events.webhook_attempt
      WHERE subscription_id = :subscription AND event_id = :event
      ORDER BY id
      LIMIT :limit OFFSET :offset
      """;

  private static final String COUNT_ATTEMPTS =
      """
      SELECT count(*) AS n FROM events.webhook_attempt
      WHERE subscription_id = :subscription AND event_id = :event
      """;

  private static final String REDELIVER =
      """
      UPDATE events.webhook_delivery
      SET status = 'pending', attempts = 0, next_attempt_at = :now, lease_until = NULL,
          delivered_at = NULL
      WHERE subscription_id = :subscription AND event_id = :event
      """;

  /**
   * Due deliveries of enabled subscriptions that are first in line for their subject (no earlier
   * delivery of the same subscription and subject is still pending, be it waiting for a retry or in
   * flight on another node), locked so that other nodes skip them.
   */
  private static final String CLAIM =
      """
      SELECT d.subscription_id, d.event_id
      FROM events.webhook_delivery d
      JOIN events.webhook_subscription s ON s.id = d.subscription_id AND s.enabled
      WHERE d.status = 'pending'
        AND d.next_attempt_at <= :now
        AND (d.lease_until IS NULL OR d.lease_until < :now)
        AND NOT EXISTS (
          SELECT 1 FROM events.webhook_delivery p
          WHERE p.subscription_id = d.subscription_id
            AND p.subject = d.subject
            AND p.status = 'pending'
            AND p.event_sequence < d.event_sequence)
      ORDER BY d.event_sequence
      LIMIT :limit
      FOR UPDATE OF d SKIP LOCKED
      """;

  private static final String LEASE =
      """
      UPDATE events.webhook_delivery d
      SET lease_until = :leaseUntil, attempts = d.attempts + 1
      FROM events.webhook_subscription s, events.outbox o
      WHERE d.subscription_id = :subscription AND d.event_id = :event
        AND s.id = d.subscription_id AND o.id = d.event_id
      RETURNING d.subscription_id, d.event_id, s.url, s.secret, d.attempts, o.type,
                o.schema_version, o.occurred_at, o.subject, o.actor, o.sequence,
                CAST(o.payload AS text) AS payload
      """;

  private static final String LOG_ATTEMPT =
      """
      INSERT INTO events.webhook_attempt
        (subscription_id, event_id, attempted_at, status_code, duration_ms, error)
      VALUES (:subscription, :event, :at, :status, :duration, :error)
      """;

  private static final String DELIVERED =
      """
      UPDATE events.webhook_delivery
      SET status = 'delivered', delivered_at = :at, lease_until = NULL, last_status_code = :status,
          last_error = NULL, last_attempt_at = :at, last_duration_ms = :duration
      WHERE subscription_id = :subscription AND event_id = :event
      """;

  private static final String FAILED =
      """
      UPDATE events.webhook_delivery
      SET status = CASE WHEN attempts >= :maxAttempts THEN 'failed' ELSE 'pending' END,
          next_attempt_at = :retryAt, lease_until = NULL, last_status_code = :status,
          last_error = :error, last_attempt_at = :at, last_duration_ms = :duration
      WHERE subscription_id = :subscription AND event_id = :event
      """;

  private static final String SUCCEEDED =
      """
      UPDATE events.webhook_subscription SET consecutive_failures = 0
      WHERE id = :id AND consecutive_failures > 0
      """;

  /** Counts the failure and disables the subscription when the run is long enough. */
  private static final String COUNT_FAILURE =
      """
      UPDATE events.webhook_subscription
      SET consecutive_failures = consecutive_failures + 1,
          enabled = CASE WHEN consecutive_failures + 1 >= :limit THEN false ELSE enabled END,
          disabled_reason = CASE WHEN consecutive_failures + 1 >= :limit AND enabled
                                 THEN :reason ELSE disabled_reason END,
          updated_at = CASE WHEN consecutive_failures + 1 >= :limit AND enabled
                            THEN :now ELSE updated_at END
      WHERE id = :id
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public void insert(
      UUID id,
      String url,
      String description,
      List<String> types,
      String secret,
      boolean enabled,
      Instant now) {
    Query insert =
        em.createNativeQuery(INSERT)
            .setParameter("id", id)
            .setParameter("url", url)
            .setParameter("types", String.join(",", types))
            .setParameter("secret", secret)
            .setParameter("enabled", enabled)
            .setParameter("now", time(now));
    typed(insert, "description", description, String.class);
    insert.executeUpdate();
  }

  public Optional<Subscription> find(UUID id) {
    return rows(tupleQuery(em, FIND).setParameter("id", id)).stream()
        .findFirst()
        .map(WebhookRepository::subscription);
  }

  public Optional<Subscription> lock(UUID id) {
    return rows(tupleQuery(em, LOCK).setParameter("id", id)).stream()
        .findFirst()
        .map(WebhookRepository::subscription);
  }

  public Page<Subscription> list(PageRequest paging) {
    List<Subscription> items =
        rows(
                tupleQuery(em, LIST)
                    .setParameter("limit", paging.size())
                    .setParameter("offset", paging.offset()))
            .stream()
            .map(WebhookRepository::subscription)
            .toList();
    long total = longValue((Tuple) tupleQuery(em, COUNT).getSingleResult(), "n");
    return Page.of(items, paging, total);
  }

  public void update(
      UUID id, String url, String description, List<String> types, boolean enabled, Instant now) {
    Query update =
        em.createNativeQuery(UPDATE)
            .setParameter("id", id)
            .setParameter("url", url)
            .setParameter("types", String.join(",", types))
            .setParameter("enabled", enabled)
            .setParameter("now", time(now));
    typed(update, "description", description, String.class);
    update.executeUpdate();
  }

  public boolean delete(UUID id) {
    return em.createNativeQuery(DELETE).setParameter("id", id).executeUpdate() > 0;
  }

  public Page<Delivery> deliveries(UUID subscription, String status, PageRequest paging) {
    Query list =
        tupleQuery(em, DELIVERIES)
            .setParameter("subscription", subscription)
            .setParameter("limit", paging.size())
            .setParameter("offset", paging.offset());
    typed(list, "status", status, String.class);
    Query count = tupleQuery(em, COUNT_DELIVERIES).setParameter("subscription", subscription);
    typed(count, "status", status, String.class);
    List<Delivery> items = rows(list).stream().map(WebhookRepository::delivery).toList();
    long total = longValue((Tuple) count.getSingleResult(), "n");
    return Page.of(items, paging, total);
  }

  public Optional<Delivery> delivery(UUID subscription, UUID event) {
    return rows(
            tupleQuery(em, DELIVERY)
                .setParameter("subscription", subscription)
                .setParameter("event", event))
        .stream()
        .findFirst()
        .map(WebhookRepository::delivery);
  }

  public Page<DeliveryAttempt> attempts(UUID subscription, UUID event, PageRequest paging) {
    List<DeliveryAttempt> items =
        rows(
                tupleQuery(em, ATTEMPTS)
                    .setParameter("subscription", subscription)
                    .setParameter("event", event)
                    .setParameter("limit", paging.size())
                    .setParameter("offset", paging.offset()))
            .stream()
            .map(
                r ->
                    new DeliveryAttempt(
                        instant(r, "attempted_at"),
                        integerOrNull(r, "status_code"),
                        intValue(r, "duration_ms"),
                        (String) r.get("error")))
            .toList();
    long total =
        longValue(
            (Tuple)
                tupleQuery(em, COUNT_ATTEMPTS)
                    .setParameter("subscription", subscription)
                    .setParameter("event", event)
                    .getSingleResult(),
            "n");
    return Page.of(items, paging, total);
  }

  public boolean redeliver(UUID subscription, UUID event, Instant now) {
    return em.createNativeQuery(REDELIVER)
            .setParameter("subscription", subscription)
            .setParameter("event", event)
            .setParameter("now", time(now))
            .executeUpdate()
        > 0;
  }

  /** Claims up to {@code limit} due deliveries and leases them until {@code leaseUntil}. */
  public List<Claim> claim(int limit, Instant now, Instant leaseUntil) {
    List<Tuple> due =
        rows(tupleQuery(em, CLAIM).setParameter("now", time(now)).setParameter("limit", limit));
    return due.stream()
        .map(
            r ->
                rows(tupleQuery(em, LEASE)
                        .setParameter("leaseUntil", time(leaseUntil))
                        .setParameter("subscription", uuid(r, "subscription_id"))
                        .setParameter("event", uuid(r, "event_id")))
                    .get(0))
        .map(
            r ->
                new Claim(
                    uuid(r, "subscription_id"),
                    uuid(r, "event_id"),
                    (String) r.get("url"),
                    (String) r.get("secret"),
                    intValue(r, "attempts"),
                    (String) r.get("type"),
                    intValue(r, "schema_version"),
                    instant(r, "occurred_at"),
                    (String) r.get("subject"),
                    uuid(r, "actor"),
                    longValue(r, "sequence"),
                    (String) r.get("payload")))
        .toList();
  }

  public void logAttempt(
      UUID subscription, UUID event, Instant at, Integer status, int durationMs, String error) {
    Query insert =
        em.createNativeQuery(LOG_ATTEMPT)
            .setParameter("subscription", subscription)
            .setParameter("event", event)
            .setParameter("at", time(at))
            .setParameter("duration", durationMs);
    typed(insert, "status", status, Integer.class);
    typed(insert, "error", error, String.class);
    insert.executeUpdate();
  }

  public void delivered(UUID subscription, UUID event, Instant at, int status, int durationMs) {
    em.createNativeQuery(DELIVERED)
        .setParameter("subscription", subscription)
        .setParameter("event", event)
        .setParameter("at", time(at))
        .setParameter("status", status)
        .setParameter("duration", durationMs)
        .executeUpdate();
    em.createNativeQuery(SUCCEEDED).setParameter("id", subscription).executeUpdate();
  }

  public void failed(
      UUID subscription,
      UUID event,
      Instant at,
      Integer status,
      int durationMs,
      String error,
      Instant retryAt,
      int maxAttempts,
      int disableAfter) {
    Query update =
        em.createNativeQuery(FAILED)
            .setParameter("subscription", subscription)
            .setParameter("event", event)
            .setParameter("at", time(at))
            .setParameter("duration", durationMs)
            .setParameter("retryAt", time(retryAt))
            .setParameter("maxAttempts", maxAttempts);
    typed(update, "status", status, Integer.class);
    typed(update, "error", error, String.class);
    update.executeUpdate();
    em.createNativeQuery(COUNT_FAILURE)
        .setParameter("id", subscription)
        .setParameter("limit", disableAfter)
        .setParameter(
            "reason", "Disabled after " + disableAfter + " failed delivery attempts in a row.")
        .setParameter("now", time(at))
        .executeUpdate();
  }

  private static <T> void typed(Query query, String name, T value, Class<T> type) {
    query.unwrap(org.hibernate.query.Query.class).setParameter(name, value, type);
  }

  private static Subscription subscription(Tuple r) {
    String types = (String) r.get("event_types");
    return new Subscription(
        uuid(r, "id"),
        (String) r.get("url"),
        (String) r.get("description"),
        types == null || types.isEmpty() ? List.of() : Arrays.asList(types.split(",")),
        (Boolean) r.get("enabled"),
        intValue(r, "consecutive_failures"),
        (String) r.get("disabled_reason"),
        instant(r, "created_at"),
        instant(r, "updated_at"));
  }

  private static Delivery delivery(Tuple r) {
    return new Delivery(
        uuid(r, "event_id"),
        (String) r.get("event_type"),
        longValue(r, "event_sequence"),
        (String) r.get("subject"),
        (String) r.get("status"),
        intValue(r, "attempts"),
        instant(r, "next_attempt_at"),
        integerOrNull(r, "last_status_code"),
        (String) r.get("last_error"),
        instant(r, "last_attempt_at"),
        integerOrNull(r, "last_duration_ms"),
        instant(r, "delivered_at"),
        instant(r, "created_at"));
  }
}
