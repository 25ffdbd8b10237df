package io.lectern.events.internal;

import static io.lectern.events.internal.Outbox.time;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Claims and settles consumer tasks, each step in a short transaction of its own so that the work
 * itself (rendering a certificate) runs with no lock held: claim (SKIP LOCKED, lease, commit), do
 * the work, then mark the task done or schedule its retry.
 */
@ApplicationScoped
public class ConsumerTasks {

  static final Duration LEASE = Duration.ofMinutes(2);
  static final Duration RETRY_BASE = Duration.ofSeconds(5);
  static final Duration RETRY_MAX = Duration.ofHours(1);

  /** After this many attempts the task is given up; reconciliation remains the safety net. */
  static final int MAX_ATTEMPTS = 20;

  /** A claimed task with the event's payload. */
  public record Task(String consumer, UUID eventId, int attempts, String payload) {}

  private static final String CLAIM =
      """
      SELECT t.consumer, t.event_id
      FROM events.consumer_task t
      WHERE t.consumer = :consumer
        AND t.status = 'pending'
        AND t.next_attempt_at <= :now
        AND (t.lease_until IS NULL OR t.lease_until < :now)
      ORDER BY t.event_sequence
      LIMIT :limit
      FOR UPDATE SKIP LOCKED
      """;

  private static final String LEASE_TASK =
      """
      UPDATE events.consumer_task t
      SET lease_until = :leaseUntil, attempts = t.attempts + 1
      FROM events.outbox o
      WHERE t.consumer = :consumer AND t.event_id = :event AND o.id = t.event_id
      RETURNING t.consumer, t.event_id, t.attempts, CAST(o.payload AS text) AS payload
      """;

  private static final String DONE =
      """
      UPDATE events.consumer_task
      SET status = 'done', done_at = :now, lease_until = NULL, last_error = NULL
      WHERE consumer = :consumer AND event_id = :event
      """;

  private static final String RETRY =
      """
      UPDATE events.consumer_task
      SET status = CASE WHEN attempts >= :maxAttempts THEN 'failed' ELSE 'pending' END,
          next_attempt_at = :retryAt, lease_until = NULL, last_error = :error
      WHERE consumer = :consumer AND event_id = :event
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject Clock clock;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Task> claim(String consumer, int limit) {
    Instant now = clock.instant();
    List<Tuple> due =
        rows(
            tupleQuery(em, CLAIM)
                .setParameter("consumer", consumer)
                .setParameter("now", time(now))
                .setParameter("limit", limit));
    return due.stream()
        .map(
            r ->
                rows(tupleQuery(em, LEASE_TASK)
                        .setParameter("leaseUntil", time(now.plus(LEASE)))
                        .setParameter("consumer", consumer)
                        .setParameter("event", uuid(r, "event_id")))
                    .get(0))
        .map(
            r ->
                new Task(
                    consumer,
                    uuid(r, "event_id"),
                    intValue(r, "attempts"),
                    (String) r.get("payload")))
        .toList();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void done(Task task) {
    em.createNativeQuery(DONE)
        .setParameter("consumer", task.consumer())
        .setParameter("event", task.eventId())
        .setParameter("now", time(clock.instant()))
        .executeUpdate();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void retry(Task task, String error) {
    String shortError = error.length() <= 500 ? error : error.substring(0, 500);
    em.createNativeQuery(RETRY)
        .setParameter("consumer", task.consumer())
        .setParameter("event", task.eventId())
        .setParameter("maxAttempts", MAX_ATTEMPTS)
        .setParameter(
            "retryAt",
            time(clock.instant().plus(Dispatcher.backoff(task.attempts(), RETRY_BASE, RETRY_MAX))))
        .setParameter("error", shortError)
        .executeUpdate();
  }
}
