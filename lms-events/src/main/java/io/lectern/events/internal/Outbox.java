package io.lectern.events.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Appends events to {@code events.outbox} in the caller's transaction. The same statement queues a
 * task for each server-side consumer of the type ({@link Consumers}) and a webhook delivery for
 * every enabled subscription that wants the type, so a delivery exists exactly when its event
 * committed: no reader has to find new rows behind a moving cursor (sequence values are handed out
 * before commit, so a cursor could step over a slower transaction's row).
 */
@ApplicationScoped
public class Outbox {

  private static final String APPEND =
      """
      WITH e AS (
        INSERT INTO events.outbox (id, type, schema_version, occurred_at, subject, actor, payload)
        VALUES (:id, :type, :version, :occurredAt, :subject, CAST(:actor AS uuid),
                CAST(:payload AS jsonb))
        RETURNING id, sequence, type, subject
      ), tasks AS (
        INSERT INTO events.consumer_task
          (consumer, event_id, event_sequence, status, next_attempt_at, created_at)
        SELECT c.consumer, e.id, e.sequence, 'pending', :now, :now
        FROM e
        JOIN %s AS c (consumer, type) ON c.type = e.type
      )
      INSERT INTO events.webhook_delivery
        (subscription_id, event_id, event_sequence, subject, status, next_attempt_at, created_at)
      SELECT s.id, e.id, e.sequence, e.subject, 'pending', :now, :now
      FROM e
      JOIN events.webhook_subscription s
        ON s.enabled
       AND (cardinality(s.event_types) = 0 OR e.type = ANY (s.event_types))
      """;

  /** The test send: one event, queued for one subscription only, whatever its filter. */
  private static final String APPEND_FOR_ONE =
      """
      WITH e AS (
        INSERT INTO events.outbox (id, type, schema_version, occurred_at, subject, actor, payload)
        VALUES (:id, :type, :version, :occurredAt, :subject, CAST(:actor AS uuid),
                CAST(:payload AS jsonb))
        RETURNING id, sequence, type, subject
      )
      INSERT INTO events.webhook_delivery
        (subscription_id, event_id, event_sequence, subject, status, next_attempt_at, created_at)
      SELECT :subscription, e.id, e.sequence, e.subject, 'pending', :now, :now
      FROM e
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject XapiSettings xapi;

  /** APPEND for the consumers active in this configuration (xAPI only when forwarding is on). */
  private String append;

  @PostConstruct
  void prepare() {
    append = APPEND.formatted(Consumers.valuesList(Consumers.active(xapi.enabled())));
  }

  /** Stores the event with a new id and returns the id. */
  public UUID append(OutboxEvent event, int version, UUID actor, Instant now) {
    UUID id = UUID.randomUUID();
    bind(em.createNativeQuery(append), id, event, version, actor, now).executeUpdate();
    return id;
  }

  public UUID appendFor(
      UUID subscription, OutboxEvent event, int version, UUID actor, Instant now) {
    UUID id = UUID.randomUUID();
    bind(em.createNativeQuery(APPEND_FOR_ONE), id, event, version, actor, now)
        .setParameter("subscription", subscription)
        .executeUpdate();
    return id;
  }

  private static jakarta.persistence.Query bind(
      jakarta.persistence.Query query,
      UUID id,
      OutboxEvent event,
      int version,
      UUID actor,
      Instant now) {
    query
        .unwrap(org.hibernate.query.Query.class)
        .setParameter("actor", actor == null ? null : actor.toString(), String.class);
    return query
        .setParameter("id", id)
        .setParameter("type", event.type())
        .setParameter("version", version)
        .setParameter("occurredAt", time(event.occurredAt()))
        .setParameter("subject", event.subject())
        .setParameter("payload", event.payload().toString())
        .setParameter("now", time(now));
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
