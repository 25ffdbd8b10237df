package io.lectern.lti.internal;

import static io.lectern.lti.internal.Sql.time;
import static io.lectern.lti.internal.Sql.typed;
import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.longValue;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.single;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Line items and scores, in native SQL. */
@ApplicationScoped
public class LineItemRepository {

  private static final String COLUMNS =
      """
      id, tool_id, course_id, lesson_id, label, score_maximum, resource_id, tag, start_at, end_at
      """;

  /** Filters of a line item listing; null: any. */
  public record Filter(UUID lessonId, String resourceId, String tag) {}

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public void insert(LineItem item, Instant now) {
    Query insert =
        em.createNativeQuery(
                """
                INSERT INTO lti.line_item (id, tool_id, course_id, lesson_id, label, score_maximum,
                                           resource_id, tag, start_at, end_at, created_at)
                VALUES (:id, :tool, :course, :lesson, :label, :max, :resource, :tag, :start, :end,
                        :now)
                """)
            .setParameter("id", item.id())
            .setParameter("tool", item.toolId())
            .setParameter("course", item.courseId())
            .setParameter("now", time(now));
    bind(insert, item).executeUpdate();
  }

  public void update(LineItem item) {
    Query update =
        em.createNativeQuery(
                """
                UPDATE lti.line_item
                SET lesson_id = :lesson, label = :label, score_maximum = :max,
                    resource_id = :resource, tag = :tag, start_at = :start, end_at = :end
                WHERE id = :id
                """)
            .setParameter("id", item.id());
    bind(update, item).executeUpdate();
  }

  public void delete(UUID id) {
    em.createNativeQuery("DELETE FROM lti.line_item WHERE id = :id")
        .setParameter("id", id)
        .executeUpdate();
  }

  public Optional<LineItem> find(UUID id) {
    return rows(
            tupleQuery(em, "SELECT " + COLUMNS + " FROM lti.line_item WHERE id = :id")
                .setParameter("id", id))
        .stream()
        .findFirst()
        .map(LineItemRepository::item);
  }

  /** The first line item of a lesson (the one its launches name in the AGS claim). */
  public Optional<UUID> ofLesson(UUID lessonId) {
    return rows(
            tupleQuery(
                    em,
                    """
                    SELECT id FROM lti.line_item WHERE lesson_id = :lesson
                    ORDER BY created_at, id LIMIT 1
                    """)
                .setParameter("lesson", lessonId))
        .stream()
        .findFirst()
        .map(r -> uuid(r, "id"));
  }

  /** The tool's line items of a course, oldest first. */
  public Page<LineItem> list(UUID toolId, UUID courseId, Filter filter, PageRequest paging) {
    String where =
        """
         WHERE tool_id = :tool AND course_id = :course
           AND (CAST(:lesson AS uuid) IS NULL OR lesson_id = CAST(:lesson AS uuid))
           AND (CAST(:resource AS text) IS NULL OR resource_id = CAST(:resource AS text))
           AND (CAST(:tag AS text) IS NULL OR tag = CAST(:tag AS text))
        """;
    Query items =
        tupleQuery(
            em,
            "SELECT "
                + COLUMNS
                + " FROM lti.line_item"
                + where
                + " ORDER BY created_at, id LIMIT :limit OFFSET :offset");
    Query count = tupleQuery(em, "SELECT count(*) AS n FROM lti.line_item" + where);
    for (Query q : List.of(items, count)) {
      q.setParameter("tool", toolId).setParameter("course", courseId);
      typed(q, "lesson", filter.lessonId(), UUID.class);
      typed(q, "resource", filter.resourceId(), String.class);
      typed(q, "tag", filter.tag(), String.class);
    }
    items.setParameter("limit", paging.size()).setParameter("offset", paging.offset());
    List<LineItem> found = rows(items).stream().map(LineItemRepository::item).toList();
    return Page.of(found, paging, longValue(single(count), "n"));
  }

  /**
   * Keeps the score unless a later one is already stored (AGS: scores arrive out of order); true
   * when this one was kept.
   */
  public boolean putScore(UUID lineItemId, Score score) {
    Query upsert =
        em.createNativeQuery(
                """
                INSERT INTO lti.score (line_item_id, user_id, score_given, score_maximum,
                                       activity_progress, grading_progress, comment, scored_at)
                VALUES (:item, :user, :given, :max, :activity, :grading, :comment, :at)
                ON CONFLICT (line_item_id, user_id) DO UPDATE
                SET score_given = EXCLUDED.score_given, score_maximum = EXCLUDED.score_maximum,
                    activity_progress = EXCLUDED.activity_progress,
                    grading_progress = EXCLUDED.grading_progress, comment = EXCLUDED.comment,
                    scored_at = EXCLUDED.scored_at
                WHERE lti.score.scored_at <= EXCLUDED.scored_at
                """)
            .setParameter("item", lineItemId)
            .setParameter("user", score.userId())
            .setParameter("activity", score.activityProgress())
            .setParameter("grading", score.gradingProgress())
            .setParameter("at", time(score.timestamp()));
    typed(upsert, "given", score.scoreGiven(), BigDecimal.class);
    typed(upsert, "max", score.scoreMaximum(), BigDecimal.class);
    typed(upsert, "comment", score.comment(), String.class);
    return upsert.executeUpdate() == 1;
  }

  /** The results of a line item, by user id, optionally of one user. */
  public Page<Score> results(UUID lineItemId, UUID userId, PageRequest paging) {
    String where =
        " WHERE line_item_id = :item AND (CAST(:user AS uuid) IS NULL OR user_id = CAST(:user AS uuid))";
    Query items =
        tupleQuery(
            em,
            """
            SELECT user_id, score_given, score_maximum, activity_progress, grading_progress,
                   comment, scored_at FROM lti.score"""
                + where
                + " ORDER BY user_id LIMIT :limit OFFSET :offset");
    Query count = tupleQuery(em, "SELECT count(*) AS n FROM lti.score" + where);
    for (Query q : List.of(items, count)) {
      q.setParameter("item", lineItemId);
      typed(q, "user", userId, UUID.class);
    }
    items.setParameter("limit", paging.size()).setParameter("offset", paging.offset());
    List<Score> found =
        rows(items).stream()
            .map(
                r ->
                    new Score(
                        uuid(r, "user_id"),
                        (BigDecimal) r.get("score_given"),
                        (BigDecimal) r.get("score_maximum"),
                        (String) r.get("activity_progress"),
                        (String) r.get("grading_progress"),
                        (String) r.get("comment"),
                        instant(r, "scored_at")))
            .toList();
    return Page.of(found, paging, longValue(single(count), "n"));
  }

  private static Query bind(Query query, LineItem item) {
    query.setParameter("label", item.label()).setParameter("max", item.scoreMaximum());
    typed(query, "lesson", item.lessonId(), UUID.class);
    typed(query, "resource", item.resourceId(), String.class);
    typed(query, "tag", item.tag(), String.class);
    typed(query, "start", time(item.startAt()), java.time.OffsetDateTime.class);
    typed(query, "end", time(item.endAt()), java.time.OffsetDateTime.class);
    return query;
  }

  private static LineItem item(Tuple r) {
    return new LineItem(
        uuid(r, "id"),
        uuid(r, "tool_id"),
        uuid(r, "course_id"),
        r.get("lesson_id") == null ? null : uuid(r, "lesson_id"),
        (String) r.get("label"),
        (BigDecimal) r.get("score_maximum"),
        (String) r.get("resource_id"),
        (String) r.get("tag"),
        r.get("start_at") == null ? null : instant(r, "start_at"),
        r.get("end_at") == null ? null : instant(r, "end_at"));
  }
}
