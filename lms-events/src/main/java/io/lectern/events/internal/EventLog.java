package io.lectern.events.internal;

import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads the outbox as a history: one subject's events in the order they happened. */
@ApplicationScoped
public class EventLog {

  /** One recorded event. */
  public record LoggedEvent(
      UUID id,
      String type,
      int version,
      Instant occurredAt,
      UUID actor,
      long sequence,
      String payload) {}

  private static final String OF_SUBJECT =
      """
      SELECT id, type, schema_version, occurred_at, actor, sequence,
             CAST(payload AS text) AS payload
      FROM events.outbox
      WHERE subject = :subject
      ORDER BY sequence
      LIMIT :limit OFFSET :offset
      """;

  private static final String FIRST_OF_SUBJECT =
      """
      SELECT id, type, schema_version, occurred_at, actor, sequence,
             CAST(payload AS text) AS payload
      FROM events.outbox
      WHERE subject = :subject
      ORDER BY occurred_at, sequence
      LIMIT :limit
      """;

  private static final String COUNT =
      "SELECT count(*) AS n FROM events.outbox WHERE subject = :subject";

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Page<LoggedEvent> ofSubject(String subject, PageRequest paging) {
    List<LoggedEvent> items =
        read(
            tupleQuery(em, OF_SUBJECT)
                .setParameter("subject", subject)
                .setParameter("limit", paging.size())
                .setParameter("offset", paging.offset()));
    return Page.of(items, paging, count(subject));
  }

  /**
   * The subject's first {@code limit} events by the time they happened (offline progress synced
   * later happened before it was recorded), then in recording order.
   */
  public List<LoggedEvent> first(String subject, int limit) {
    return read(
        tupleQuery(em, FIRST_OF_SUBJECT)
            .setParameter("subject", subject)
            .setParameter("limit", limit));
  }

  public long count(String subject) {
    return longValue(
        (Tuple) tupleQuery(em, COUNT).setParameter("subject", subject).getSingleResult(), "n");
  }

  private static List<LoggedEvent> read(jakarta.persistence.Query query) {
    return rows(query).stream()
        .map(
            r ->
                new LoggedEvent(
                    uuid(r, "id"),
                    (String) r.get("type"),
                    intValue(r, "schema_version"),
                    instant(r, "occurred_at"),
                    uuid(r, "actor"),
                    longValue(r, "sequence"),
                    (String) r.get("payload")))
        .toList();
  }
}
