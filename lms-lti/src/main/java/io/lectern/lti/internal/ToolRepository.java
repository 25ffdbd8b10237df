package io.lectern.lti.internal;

import static io.lectern.lti.internal.Sql.jsonList;
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
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The registered tools, in native SQL. */
@ApplicationScoped
public class ToolRepository {

  private static final String COLUMNS =
      """
      id, name, client_id, login_url, target_link_uri, to_jsonb(redirect_uris)::text AS redirect_uris,
      deep_linking_url, jwks_url, public_key_pem, to_jsonb(deployment_ids)::text AS deployment_ids,
      custom::text AS custom, created_at, updated_at
      """;

  private static final String INSERT =
      """
      INSERT INTO lti.tool (id, name, client_id, login_url, target_link_uri, redirect_uris,
                            deep_linking_url, jwks_url, public_key_pem, deployment_ids, custom,
                            created_at, updated_at)
      VALUES (:id, :name, :clientId, :loginUrl, :targetLinkUri,
              ARRAY(SELECT jsonb_array_elements_text(CAST(:redirectUris AS jsonb))),
              :deepLinkingUrl, :jwksUrl, :publicKeyPem,
              ARRAY(SELECT jsonb_array_elements_text(CAST(:deploymentIds AS jsonb))),
              CAST(:custom AS jsonb), :now, :now)
      """;

  private static final String UPDATE =
      """
      UPDATE lti.tool
      SET name = :name, login_url = :loginUrl, target_link_uri = :targetLinkUri,
          redirect_uris = ARRAY(SELECT jsonb_array_elements_text(CAST(:redirectUris AS jsonb))),
          deep_linking_url = :deepLinkingUrl, jwks_url = :jwksUrl, public_key_pem = :publicKeyPem,
          deployment_ids = ARRAY(SELECT jsonb_array_elements_text(CAST(:deploymentIds AS jsonb))),
          custom = CAST(:custom AS jsonb), updated_at = :now, version = version + 1
      WHERE id = :id
      """;

  private static final String FIND = "SELECT " + COLUMNS + " FROM lti.tool WHERE id = :id";
  private static final String FIND_BY_CLIENT =
      "SELECT " + COLUMNS + " FROM lti.tool WHERE client_id = :clientId";
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM lti.tool ORDER BY created_at, id LIMIT :limit OFFSET :offset";
  private static final String COUNT = "SELECT count(*) AS n FROM lti.tool";
  private static final String DELETE = "DELETE FROM lti.tool WHERE id = :id";

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public void insert(UUID id, String clientId, ToolDefinition d, Instant now) {
    Query insert = em.createNativeQuery(INSERT).setParameter("id", id);
    insert.setParameter("clientId", clientId);
    bind(insert, d, now).executeUpdate();
  }

  public boolean update(UUID id, ToolDefinition d, Instant now) {
    Query update = em.createNativeQuery(UPDATE).setParameter("id", id);
    return bind(update, d, now).executeUpdate() == 1;
  }

  public Optional<Tool> find(UUID id) {
    return rows(tupleQuery(em, FIND).setParameter("id", id)).stream()
        .findFirst()
        .map(ToolRepository::tool);
  }

  public Optional<Tool> findByClientId(String clientId) {
    return rows(tupleQuery(em, FIND_BY_CLIENT).setParameter("clientId", clientId)).stream()
        .findFirst()
        .map(ToolRepository::tool);
  }

  public Page<Tool> list(PageRequest paging) {
    List<Tool> items =
        rows(
                tupleQuery(em, LIST)
                    .setParameter("limit", paging.size())
                    .setParameter("offset", paging.offset()))
            .stream()
            .map(ToolRepository::tool)
            .toList();
    return Page.of(items, paging, longValue(single(tupleQuery(em, COUNT)), "n"));
  }

  public boolean delete(UUID id) {
    return em.createNativeQuery(DELETE).setParameter("id", id).executeUpdate() == 1;
  }

  private static Query bind(Query query, ToolDefinition d, Instant now) {
    query
        .setParameter("name", d.name())
        .setParameter("loginUrl", d.loginUrl())
        .setParameter("targetLinkUri", d.targetLinkUri())
        .setParameter("redirectUris", jsonList(d.redirectUris()))
        .setParameter("deploymentIds", jsonList(d.deploymentIds()))
        .setParameter("custom", customJson(d.custom()))
        .setParameter("now", time(now));
    typed(query, "deepLinkingUrl", d.deepLinkingUrl(), String.class);
    typed(query, "jwksUrl", d.jwksUrl(), String.class);
    typed(query, "publicKeyPem", d.publicKeyPem(), String.class);
    return query;
  }

  static String customJson(Map<String, String> custom) {
    var object = Json.createObjectBuilder();
    if (custom != null) {
      custom.forEach(object::add);
    }
    return object.build().toString();
  }

  static Map<String, String> custom(Tuple r, String column) {
    Map<String, String> custom = new LinkedHashMap<>();
    Sql.object(r, column)
        .forEach((k, v) -> custom.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    return custom;
  }

  private static Tool tool(Tuple r) {
    return new Tool(
        uuid(r, "id"),
        (String) r.get("name"),
        (String) r.get("client_id"),
        (String) r.get("login_url"),
        (String) r.get("target_link_uri"),
        Sql.list(r, "redirect_uris"),
        (String) r.get("deep_linking_url"),
        (String) r.get("jwks_url"),
        (String) r.get("public_key_pem"),
        Sql.list(r, "deployment_ids"),
        custom(r, "custom"),
        instant(r, "created_at"),
        instant(r, "updated_at"));
  }
}
