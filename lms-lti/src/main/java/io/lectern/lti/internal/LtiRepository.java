package io.lectern.lti.internal;

import static io.lectern.lti.internal.Sql.time;
import static io.lectern.lti.internal.Sql.typed;
import static io.lectern.shared.persistence.Columns.rows;
import static io.lectern.shared.persistence.Columns.tupleQuery;
import static io.lectern.shared.persistence.Columns.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Lesson links, launch hints, deep-linking requests, service tokens and replay guards, in native
 * SQL. Single-use rows are consumed with one conditional UPDATE, so two racing requests cannot both
 * succeed.
 */
@ApplicationScoped
public class LtiRepository {

  /** A launch hint, consumed. */
  public record Hint(
      UUID userId,
      UUID toolId,
      UUID courseId,
      UUID lessonId,
      String deploymentId,
      String messageType) {}

  /** A deep-linking request, with what the tool answered (null until it has). */
  public record DeepLinkRequest(
      UUID id, UUID userId, UUID toolId, UUID courseId, String deploymentId) {}

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public void insertLink(LessonLink link, Instant now) {
    em.createNativeQuery(
            """
            INSERT INTO lti.lesson_link
              (lesson_id, course_id, tool_id, deployment_id, target_link_uri, custom, created_at)
            VALUES (:lesson, :course, :tool, :deployment, :target, CAST(:custom AS jsonb), :now)
            """)
        .setParameter("lesson", link.lessonId())
        .setParameter("course", link.courseId())
        .setParameter("tool", link.toolId())
        .setParameter("deployment", link.deploymentId())
        .setParameter("custom", ToolRepository.customJson(link.custom()))
        .setParameter("now", time(now))
        .unwrap(org.hibernate.query.Query.class)
        .setParameter("target", link.targetLinkUri(), String.class)
        .executeUpdate();
  }

  public Optional<LessonLink> link(UUID lessonId) {
    return rows(
            tupleQuery(
                    em,
                    """
                    SELECT lesson_id, course_id, tool_id, deployment_id, target_link_uri,
                           custom::text AS custom
                    FROM lti.lesson_link WHERE lesson_id = :lesson
                    """)
                .setParameter("lesson", lessonId))
        .stream()
        .findFirst()
        .map(
            r ->
                new LessonLink(
                    uuid(r, "lesson_id"),
                    uuid(r, "course_id"),
                    uuid(r, "tool_id"),
                    (String) r.get("deployment_id"),
                    (String) r.get("target_link_uri"),
                    ToolRepository.custom(r, "custom")));
  }

  /** The lessons of the course that launch the tool (some may since have been deleted). */
  public List<UUID> linkedLessons(UUID toolId, UUID courseId) {
    return rows(
            tupleQuery(
                    em,
                    """
                    SELECT lesson_id FROM lti.lesson_link
                    WHERE tool_id = :tool AND course_id = :course
                    """)
                .setParameter("tool", toolId)
                .setParameter("course", courseId))
        .stream()
        .map(r -> uuid(r, "lesson_id"))
        .toList();
  }

  /** Every lesson that launches the tool (some may since have been deleted). */
  public List<UUID> linkedLessons(UUID toolId) {
    return rows(
            tupleQuery(em, "SELECT lesson_id FROM lti.lesson_link WHERE tool_id = :tool")
                .setParameter("tool", toolId))
        .stream()
        .map(r -> uuid(r, "lesson_id"))
        .toList();
  }

  /** Forgets the links of lessons the course module no longer has. */
  public void deleteLinks(List<UUID> lessonIds) {
    for (UUID lesson : lessonIds) {
      em.createNativeQuery("DELETE FROM lti.lesson_link WHERE lesson_id = :lesson")
          .setParameter("lesson", lesson)
          .executeUpdate();
    }
  }

  public void insertHint(String hash, Hint hint, Instant expiresAt) {
    var insert =
        em.createNativeQuery(
                """
                INSERT INTO lti.launch_hint (hint_hash, user_id, tool_id, course_id, lesson_id,
                                             deployment_id, message_type, expires_at)
                VALUES (:hash, :user, :tool, :course, :lesson, :deployment, :type, :expires)
                """)
            .setParameter("hash", hash)
            .setParameter("user", hint.userId())
            .setParameter("tool", hint.toolId())
            .setParameter("course", hint.courseId())
            .setParameter("deployment", hint.deploymentId())
            .setParameter("type", hint.messageType())
            .setParameter("expires", time(expiresAt));
    typed(insert, "lesson", hint.lessonId(), UUID.class).executeUpdate();
  }

  /** Marks the tool's hint used if it is unused and unexpired; empty otherwise. */
  public Optional<Hint> consumeHint(String hash, UUID toolId, Instant now) {
    List<Tuple> found =
        rows(
            tupleQuery(
                    em,
                    """
                    UPDATE lti.launch_hint SET used_at = :now
                    WHERE hint_hash = :hash AND tool_id = :tool AND used_at IS NULL
                      AND expires_at > :now
                    RETURNING user_id, tool_id, course_id, lesson_id, deployment_id, message_type
                    """)
                .setParameter("hash", hash)
                .setParameter("tool", toolId)
                .setParameter("now", time(now)));
    return found.stream()
        .findFirst()
        .map(
            r ->
                new Hint(
                    uuid(r, "user_id"),
                    uuid(r, "tool_id"),
                    uuid(r, "course_id"),
                    r.get("lesson_id") == null ? null : uuid(r, "lesson_id"),
                    (String) r.get("deployment_id"),
                    (String) r.get("message_type")));
  }

  public void insertDeepLinkRequest(DeepLinkRequest request, Instant expiresAt) {
    em.createNativeQuery(
            """
            INSERT INTO lti.deep_link_request
              (id, user_id, tool_id, course_id, deployment_id, expires_at)
            VALUES (:id, :user, :tool, :course, :deployment, :expires)
            """)
        .setParameter("id", request.id())
        .setParameter("user", request.userId())
        .setParameter("tool", request.toolId())
        .setParameter("course", request.courseId())
        .setParameter("deployment", request.deploymentId())
        .setParameter("expires", time(expiresAt))
        .executeUpdate();
  }

  /**
   * Records the tool's answer (its content items as a JSON array) if the request was open and
   * unexpired; empty otherwise.
   */
  public Optional<DeepLinkRequest> answerDeepLinkRequest(
      UUID id, UUID toolId, String itemsJson, Instant now) {
    return rows(
            tupleQuery(
                    em,
                    """
                    UPDATE lti.deep_link_request SET used_at = :now, items = CAST(:items AS jsonb)
                    WHERE id = :id AND tool_id = :tool AND used_at IS NULL AND expires_at > :now
                    RETURNING id, user_id, tool_id, course_id, deployment_id
                    """)
                .setParameter("id", id)
                .setParameter("tool", toolId)
                .setParameter("items", itemsJson)
                .setParameter("now", time(now)))
        .stream()
        .findFirst()
        .map(LtiRepository::deepLinkRequest);
  }

  /**
   * Marks an answered request of this user and course accepted; its items (JSON array), or empty
   * when there is no such answered, unaccepted request.
   */
  public Optional<AcceptedDeepLink> acceptDeepLinkRequest(
      UUID id, UUID courseId, UUID userId, Instant now) {
    return rows(
            tupleQuery(
                    em,
                    """
                    UPDATE lti.deep_link_request SET accepted_at = :now
                    WHERE id = :id AND course_id = :course AND user_id = :user
                      AND used_at IS NOT NULL AND accepted_at IS NULL
                    RETURNING id, user_id, tool_id, course_id, deployment_id, items::text AS items
                    """)
                .setParameter("id", id)
                .setParameter("course", courseId)
                .setParameter("user", userId)
                .setParameter("now", time(now)))
        .stream()
        .findFirst()
        .map(r -> new AcceptedDeepLink(deepLinkRequest(r), (String) r.get("items")));
  }

  /** An accepted deep-linking answer: the request and the tool's content items. */
  public record AcceptedDeepLink(DeepLinkRequest request, String itemsJson) {}

  private static DeepLinkRequest deepLinkRequest(Tuple r) {
    return new DeepLinkRequest(
        uuid(r, "id"),
        uuid(r, "user_id"),
        uuid(r, "tool_id"),
        uuid(r, "course_id"),
        (String) r.get("deployment_id"));
  }

  /**
   * Records a one-time value (a client assertion's jti, a response's nonce) of the tool until it
   * expires; false when it was seen before (a replay).
   */
  public boolean firstUse(UUID toolId, String value, Instant expiresAt, Instant now) {
    em.createNativeQuery("DELETE FROM lti.used_assertion WHERE expires_at < :now")
        .setParameter("now", time(now))
        .executeUpdate();
    return em.createNativeQuery(
                """
                INSERT INTO lti.used_assertion (tool_id, jti, expires_at)
                VALUES (:tool, :jti, :expires) ON CONFLICT DO NOTHING
                """)
            .setParameter("tool", toolId)
            .setParameter("jti", value)
            .setParameter("expires", time(expiresAt))
            .executeUpdate()
        == 1;
  }

  public void insertAccessToken(String hash, UUID toolId, List<String> scopes, Instant expires) {
    em.createNativeQuery(
            """
            INSERT INTO lti.access_token (token_hash, tool_id, scopes, expires_at)
            VALUES (:hash, :tool, ARRAY(SELECT jsonb_array_elements_text(CAST(:scopes AS jsonb))),
                    :expires)
            """)
        .setParameter("hash", hash)
        .setParameter("tool", toolId)
        .setParameter("scopes", Sql.jsonList(scopes))
        .setParameter("expires", time(expires))
        .executeUpdate();
  }

  /** The tool and scopes of an unexpired access token. */
  public Optional<ServiceGrant> accessToken(String hash, Instant now) {
    return rows(
            tupleQuery(
                    em,
                    """
                    SELECT tool_id, to_jsonb(scopes)::text AS scopes FROM lti.access_token
                    WHERE token_hash = :hash AND expires_at > :now
                    """)
                .setParameter("hash", hash)
                .setParameter("now", time(now)))
        .stream()
        .findFirst()
        .map(r -> new ServiceGrant(uuid(r, "tool_id"), Sql.list(r, "scopes")));
  }

  /** Who holds a service access token, and for what. */
  public record ServiceGrant(UUID toolId, List<String> scopes) {}
}
