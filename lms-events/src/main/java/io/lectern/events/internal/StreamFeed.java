package io.lectern.events.internal;

import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import io.lectern.events.api.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the outbox in stream order. Only rows whose transaction is older than every transaction
 * still running ({@code tx < pg_snapshot_xmin(pg_current_snapshot())}) are read: those transactions
 * are all finished, and any row written later belongs to a newer transaction, so it sorts after
 * every position already handed out. A reader that follows a position therefore never steps over a
 * row of a slower transaction (which a plain sequence cursor would, ADR 0019). The cost: an event
 * waits until older transactions that were running when it committed have finished.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StreamFeed {

  /** What an instructor's course stream carries: enrolments, completions and quiz results. */
  public static final Set<String> COURSE_TYPES =
      Set.of(
          EventTypes.ENROLLMENT_CREATED,
          EventTypes.ENROLLMENT_DROPPED,
          EventTypes.ENROLLMENT_REACTIVATED,
          EventTypes.ENROLLMENT_COMPLETED,
          EventTypes.LESSON_COMPLETED,
          EventTypes.QUIZ_ATTEMPT_GRADED);

  /** One outbox row as the stream sends it. */
  public record FeedEvent(
      StreamPosition position,
      UUID id,
      String type,
      int version,
      Instant occurredAt,
      String subject,
      UUID actor,
      long sequence,
      String payload,
      UUID audienceUser,
      UUID audienceCourse) {}

  /** Whose events a stream wants: one learner's, or one course's (for its instructor). */
  public record Audience(UUID user, UUID course) {

    public static Audience ofUser(UUID user) {
      return new Audience(user, null);
    }

    public static Audience ofCourse(UUID course) {
      return new Audience(null, course);
    }

    public boolean wants(FeedEvent e) {
      if (!EventTypes.SUBSCRIBABLE.contains(e.type())) {
        return false;
      }
      return user != null
          ? user.equals(e.audienceUser())
          : course.equals(e.audienceCourse()) && COURSE_TYPES.contains(e.type());
    }
  }

  private static final String COLUMNS =
      """
      SELECT CAST(tx AS text) AS tx, sequence, id, type, schema_version, occurred_at, subject,
             actor, CAST(payload AS text) AS payload, audience_user, audience_course
      FROM events.outbox
      """;

  private static final String HORIZON = "tx < pg_snapshot_xmin(pg_current_snapshot())";

  private static final String AFTER =
      COLUMNS
          + """
          WHERE (tx, sequence) > (CAST(:tx AS xid8), :sequence)
            AND %s
          ORDER BY tx, sequence
          LIMIT :limit
          """
              .formatted(HORIZON);

  private static final String USER_BETWEEN =
      COLUMNS
          + """
          WHERE audience_user = :audience
            AND (tx, sequence) > (CAST(:tx AS xid8), :sequence)
            AND (tx, sequence) <= (CAST(:toTx AS xid8), :toSequence)
          ORDER BY tx, sequence
          LIMIT :limit
          """;

  private static final String COURSE_BETWEEN =
      COLUMNS
          + """
          WHERE audience_course = :audience
            AND type = ANY (CAST(:types AS text[]))
            AND (tx, sequence) > (CAST(:tx AS xid8), :sequence)
            AND (tx, sequence) <= (CAST(:toTx AS xid8), :toSequence)
          ORDER BY tx, sequence
          LIMIT :limit
          """;

  private static final String HEAD =
      """
      SELECT CAST(tx AS text) AS tx, sequence
      FROM events.outbox
      WHERE %s
      ORDER BY tx DESC, sequence DESC
      LIMIT 1
      """
          .formatted(HORIZON);

  private static final String SNAPSHOT =
      """
      SELECT CAST(pg_current_snapshot() AS text) AS snapshot
      """;

  /**
   * Committed rows after a position, readable or not. Not only those beyond the horizon: the
   * horizon moves on whenever an older transaction ends, also between a read and this check, and a
   * row that became readable in between would otherwise wait for the next write's wake-up.
   */
  private static final String WAITING =
      """
      SELECT count(*) AS n FROM (
        SELECT 1 FROM events.outbox
        WHERE (tx, sequence) > (CAST(:tx AS xid8), :sequence)
        LIMIT 1
      ) w
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /** The last readable position, or the origin for an empty outbox. */
  public StreamPosition head() {
    List<Tuple> found = rows(tupleQuery(em, HEAD));
    return found.isEmpty() ? StreamPosition.ORIGIN : position(found.get(0));
  }

  /** Every readable event after {@code from}, at most {@code limit}, in stream order. */
  public List<FeedEvent> after(StreamPosition from, int limit) {
    return read(bind(tupleQuery(em, AFTER), from).setParameter("limit", limit));
  }

  /** The transactions finished now, so that a new stream can leave out what came before it. */
  public StreamSnapshot snapshot() {
    return StreamSnapshot.parse(
        (String) ((Tuple) tupleQuery(em, SNAPSHOT).getSingleResult()).get("snapshot"));
  }

  /**
   * Whether committed rows lie beyond {@code from}: called right after reading everything readable
   * up to it, so they were held back by an older transaction, or have become readable since.
   */
  public boolean waiting(StreamPosition from) {
    return longValue((Tuple) bind(tupleQuery(em, WAITING), from).getSingleResult(), "n") > 0;
  }

  /** One audience's events in {@code (from, to]}, at most {@code limit}, for a replay. */
  public List<FeedEvent> between(
      Audience audience, StreamPosition from, StreamPosition to, int limit) {
    Query query =
        audience.user() != null
            ? tupleQuery(em, USER_BETWEEN).setParameter("audience", audience.user())
            : tupleQuery(em, COURSE_BETWEEN)
                .setParameter("audience", audience.course())
                .setParameter("types", "{" + String.join(",", COURSE_TYPES) + "}");
    return read(
        bind(query, from)
            .setParameter("toTx", Long.toString(to.tx()))
            .setParameter("toSequence", to.sequence())
            .setParameter("limit", limit));
  }

  private static Query bind(Query query, StreamPosition from) {
    return query
        .setParameter("tx", Long.toString(from.tx()))
        .setParameter("sequence", from.sequence());
  }

  private static List<FeedEvent> read(Query query) {
    return rows(query).stream()
        .map(
            r ->
                new FeedEvent(
                    position(r),
                    uuid(r, "id"),
                    (String) r.get("type"),
                    intValue(r, "schema_version"),
                    instant(r, "occurred_at"),
                    (String) r.get("subject"),
                    uuid(r, "actor"),
                    longValue(r, "sequence"),
                    (String) r.get("payload"),
                    uuid(r, "audience_user"),
                    uuid(r, "audience_course")))
        .toList();
  }

  private static StreamPosition position(Tuple r) {
    return new StreamPosition(Long.parseLong((String) r.get("tx")), longValue(r, "sequence"));
  }
}
