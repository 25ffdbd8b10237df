package io.lectern.events.internal;

import static io.lectern.events.internal.Outbox.time;
import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The xAPI consumer's tasks in {@code events.consumer_task}: the delivery position is the set of
 * tasks not yet done. Unlike the certificate consumer's, claims keep the outbox order across nodes:
 * a node takes a batch only from the head of the queue, and only when no earlier task is leased to
 * another node or waiting for its retry, so statements reach the LRS in order and a batch is never
 * sent by two nodes at once (the head rows are locked while claiming).
 */
@ApplicationScoped
public class XapiTasks {

  /** A claimed event and how often it was tried, this claim included. */
  record Claimed(XapiStatements.Event event, int attempts) {}

  private static final String HEAD =
      """
      SELECT t.event_id, t.attempts, t.next_attempt_at, t.lease_until,
             o.type, o.occurred_at, CAST(o.payload AS text) AS payload,
             started.occurred_at AS started_at
      FROM events.consumer_task t
      JOIN events.outbox o ON o.id = t.event_id
      -- A graded attempt's start, for the statement's duration (same subject: the enrolment).
      LEFT JOIN LATERAL (
        SELECT s.occurred_at
        FROM events.outbox s
        WHERE o.type = 'quiz.attempt.graded'
          AND s.subject = o.subject
          AND s.type = 'quiz.attempt.started'
          AND s.payload ->> 'attemptId' = o.payload ->> 'attemptId'
        ORDER BY s.sequence
        LIMIT 1
      ) started ON true
      WHERE t.consumer = :consumer AND t.status = 'pending'
      ORDER BY t.event_sequence
      LIMIT :limit
      FOR UPDATE OF t
      """;

  private static final String LEASE =
      """
      UPDATE events.consumer_task
      SET lease_until = :leaseUntil, attempts = attempts + 1
      WHERE consumer = :consumer AND event_id IN (:events)
      """;

  private static final String DONE =
      """
      UPDATE events.consumer_task
      SET status = 'done', done_at = :now, lease_until = NULL, last_error = NULL
      WHERE consumer = :consumer AND event_id IN (:events)
      """;

  /** The LRS refused the statements themselves (400): retrying cannot help. */
  private static final String REJECTED =
      """
      UPDATE events.consumer_task
      SET status = 'failed', done_at = :now, lease_until = NULL, last_error = :error
      WHERE consumer = :consumer AND event_id IN (:events)
      """;

  private static final String RETRY =
      """
      UPDATE events.consumer_task
      SET next_attempt_at = :retryAt, lease_until = NULL, last_error = :error
      WHERE consumer = :consumer AND event_id IN (:events)
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject Clock clock;

  /** The next batch from the head of the queue, leased; empty when the head is not due. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Claimed> claim(int limit, Duration lease) {
    Instant now = clock.instant();
    List<Tuple> head =
        rows(
            tupleQuery(em, HEAD)
                .setParameter("consumer", Consumers.XAPI)
                .setParameter("limit", limit));
    List<Claimed> claimed = new ArrayList<>();
    for (Tuple row : head) {
      Instant leaseUntil = instant(row, "lease_until");
      boolean leased = leaseUntil != null && leaseUntil.isAfter(now);
      boolean waiting = instant(row, "next_attempt_at").isAfter(now);
      if (leased || waiting) {
        break; // an earlier event is in flight or backing off: later ones wait for it
      }
      try (JsonReader reader = Json.createReader(new StringReader((String) row.get("payload")))) {
        claimed.add(
            new Claimed(
                new XapiStatements.Event(
                    uuid(row, "event_id"),
                    (String) row.get("type"),
                    instant(row, "occurred_at"),
                    instant(row, "started_at"),
                    reader.readObject()),
                intValue(row, "attempts") + 1));
      }
    }
    if (!claimed.isEmpty()) {
      em.createNativeQuery(LEASE)
          .setParameter("leaseUntil", time(now.plus(lease)))
          .setParameter("consumer", Consumers.XAPI)
          .setParameter("events", ids(claimed))
          .executeUpdate();
    }
    return claimed;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void done(List<Claimed> tasks) {
    em.createNativeQuery(DONE)
        .setParameter("now", time(clock.instant()))
        .setParameter("consumer", Consumers.XAPI)
        .setParameter("events", ids(tasks))
        .executeUpdate();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void rejected(List<Claimed> tasks, String error) {
    em.createNativeQuery(REJECTED)
        .setParameter("now", time(clock.instant()))
        .setParameter("error", shorten(error))
        .setParameter("consumer", Consumers.XAPI)
        .setParameter("events", ids(tasks))
        .executeUpdate();
  }

  /** Every task of the batch waits until {@code retryAt}; so does everything behind them. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void retry(List<Claimed> tasks, Instant retryAt, String error) {
    em.createNativeQuery(RETRY)
        .setParameter("retryAt", time(retryAt))
        .setParameter("error", shorten(error))
        .setParameter("consumer", Consumers.XAPI)
        .setParameter("events", ids(tasks))
        .executeUpdate();
  }

  private static List<UUID> ids(List<Claimed> tasks) {
    return tasks.stream().map(t -> t.event().id()).toList();
  }

  private static String shorten(String error) {
    return error == null || error.length() <= 500 ? error : error.substring(0, 500);
  }
}
