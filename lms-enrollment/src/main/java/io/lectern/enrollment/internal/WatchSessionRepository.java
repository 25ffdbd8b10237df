package io.lectern.enrollment.internal;

import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import io.lectern.enrollment.api.WatchSessionView;
import io.lectern.enrollment.api.WatchSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Watch sessions, grown by each heartbeat in the heartbeat's transaction (one statement; the caller
 * holds the enrolment's row lock, so two heartbeats of one enrolment never race here).
 */
@ApplicationScoped
public class WatchSessionRepository implements WatchSessions {

  /**
   * A heartbeat at {@code at} reporting {@code seconds} covers {@code [at - seconds, at]}; it joins
   * the lesson's latest session when that session ended at most {@code gap} seconds before the
   * heartbeat's watching began, else it opens a new one.
   */
  private static final String RECORD =
      """
      WITH prev AS (
        SELECT id
        FROM enrollment.watch_sessions
        WHERE enrollment_id = :enrollment
          AND lesson_id = :lesson
          AND ended_at >= CAST(:from AS timestamptz) - make_interval(secs => :gap)
          AND started_at <= CAST(:at AS timestamptz)
        ORDER BY ended_at DESC
        LIMIT 1
      ), grown AS (
        UPDATE enrollment.watch_sessions s
        SET started_at = LEAST(s.started_at, CAST(:from AS timestamptz)),
            ended_at = GREATEST(s.ended_at, CAST(:at AS timestamptz)),
            heartbeats = s.heartbeats + 1,
            seconds_watched = s.seconds_watched + :seconds
        FROM prev
        WHERE s.id = prev.id
        RETURNING s.id
      )
      INSERT INTO enrollment.watch_sessions
        (enrollment_id, lesson_id, started_at, ended_at, heartbeats, seconds_watched)
      SELECT :enrollment, :lesson, CAST(:from AS timestamptz), CAST(:at AS timestamptz), 1,
             :seconds
      WHERE NOT EXISTS (SELECT 1 FROM grown)
      """;

  private static final String FIRST =
      """
      SELECT lesson_id, started_at, ended_at, heartbeats, seconds_watched
      FROM enrollment.watch_sessions
      WHERE enrollment_id = :enrollment
      ORDER BY started_at, id
      LIMIT :limit
      """;

  private static final String COUNT =
      "SELECT count(*) AS n FROM enrollment.watch_sessions WHERE enrollment_id = :enrollment";

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  /** LMS_ACTIVITY_SESSION_GAP_SECONDS, read once (looked up, not injected: see the CDI tests). */
  private volatile Integer gapSeconds;

  /**
   * Adds one heartbeat that counted {@code seconds} at {@code at}. The watching it reports began
   * {@code seconds} earlier, but never before the lesson was first opened ({@code lessonStarted}):
   * the grace the time cap allows is not history.
   */
  public void record(
      UUID enrollmentId, UUID lessonId, Instant at, int seconds, Instant lessonStarted) {
    int counted = Math.max(0, seconds);
    Instant from = at.minusSeconds(counted);
    if (lessonStarted != null && from.isBefore(lessonStarted)) {
      from = lessonStarted.isAfter(at) ? at : lessonStarted;
    }
    em.createNativeQuery(RECORD)
        .setParameter("enrollment", enrollmentId)
        .setParameter("lesson", lessonId)
        .setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("at", at.atOffset(ZoneOffset.UTC))
        .setParameter("gap", gapSeconds())
        .setParameter("seconds", counted)
        .executeUpdate();
  }

  int gapSeconds() {
    Integer gap = gapSeconds;
    if (gap == null) {
      gap =
          Math.max(
              1,
              ConfigProvider.getConfig()
                  .getOptionalValue("lms.activity.session.gap.seconds", Integer.class)
                  .orElse(120));
      gapSeconds = gap;
    }
    return gap;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<WatchSessionView> first(UUID enrollmentId, int limit) {
    return rows(
            tupleQuery(em, FIRST)
                .setParameter("enrollment", enrollmentId)
                .setParameter("limit", limit))
        .stream()
        .map(
            r ->
                new WatchSessionView(
                    uuid(r, "lesson_id"),
                    instant(r, "started_at"),
                    instant(r, "ended_at"),
                    intValue(r, "heartbeats"),
                    intValue(r, "seconds_watched")))
        .toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public long count(UUID enrollmentId) {
    return longValue(
        (Tuple) tupleQuery(em, COUNT).setParameter("enrollment", enrollmentId).getSingleResult(),
        "n");
  }
}
