package io.lectern.lti.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import io.lectern.users.api.PlatformSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Deep Linking 2.0 responses. The tool's browser form posts its signed LtiDeepLinkingResponse to
 * the return URL, without Lectern credentials: it is verified (the tool's key, aud = Lectern's
 * issuer, deployment, a nonce never seen, the request id in {@code data}) and its resource links
 * are kept on the request. The instructor who started the request then accepts it with their access
 * token, which adds the lessons (and their line items) through the course module's rules.
 */
@ApplicationScoped
public class DeepLinkingService {

  private static final int MAX_ITEMS = 50;

  @Inject ToolRepository tools;
  @Inject ToolKeys keys;
  @Inject LtiRepository store;
  @Inject PlatformSigner signer;
  @Inject LtiLessonService lessons;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  /** A verified answer: the request it answers and the resource links it carries. */
  public record Answer(UUID requestId, UUID courseId, int items) {}

  @Transactional
  public Answer receive(String jwt) {
    if (jwt == null || jwt.isBlank() || jwt.length() > 65_536) {
      throw refused("JWT is required (the signed LtiDeepLinkingResponse).");
    }
    Tool tool = claimedTool(jwt);
    JwtClaims claims;
    try {
      claims = keys.verify(tool, jwt, signer.issuer());
    } catch (InvalidJwtException e) {
      throw refused("the response is not valid: " + TokenService.reason(e));
    }
    JsonObject body;
    try (var reader = Json.createReader(new StringReader(claims.toJson()))) {
      body = reader.readObject();
    }
    if (!"LtiDeepLinkingResponse".equals(text(body, LaunchMessages.LTI + "message_type"))
        || !"1.3.0".equals(text(body, LaunchMessages.LTI + "version"))) {
      throw refused("message_type must be LtiDeepLinkingResponse, version 1.3.0.");
    }
    String deployment = text(body, LaunchMessages.LTI + "deployment_id");
    if (deployment == null || !tool.hasDeployment(deployment)) {
      throw refused("deployment_id is not a deployment of this tool.");
    }
    String nonce = text(body, "nonce");
    Instant now = clock.instant();
    if (nonce == null
        || !store.firstUse(tool.id(), "nonce:" + nonce, now.plusSeconds(3600 * 24), now)) {
      throw refused("nonce is missing or was used before (a replayed response).");
    }
    UUID requestId = TokenService.uuidOrNull(text(body, LaunchMessages.DL + "data"));
    if (requestId == null) {
      throw refused("data must carry the id of Lectern's deep-linking request.");
    }
    List<JsonObject> links = resourceLinks(body.get(LaunchMessages.DL + "content_items"));
    JsonArrayBuilder kept = Json.createArrayBuilder();
    links.forEach(kept::add);
    LtiRepository.DeepLinkRequest request =
        store
            .answerDeepLinkRequest(requestId, tool.id(), kept.build().toString(), now)
            .filter(r -> r.deploymentId().equals(deployment))
            .orElseThrow(
                () ->
                    refused(
                        "the deep-linking request is unknown, expired, already answered, of"
                            + " another tool or of another deployment."));
    return new Answer(request.id(), request.courseId(), links.size());
  }

  /** Adds the answered request's resource links as lti lessons of its course; once. */
  @Transactional
  public List<LtiLessonService.Added> accept(UUID courseId, UUID requestId) {
    LtiRepository.AcceptedDeepLink accepted =
        store
            .acceptDeepLinkRequest(requestId, courseId, currentUser.id(), clock.instant())
            .orElseThrow(
                () ->
                    LmsException.notFound(
                        "lti.deep-link-not-found",
                        "No answered, unaccepted deep-linking request of yours has this id in this"
                            + " course."));
    List<LtiLessonService.Added> added = new ArrayList<>();
    JsonArray items;
    try (var reader = Json.createReader(new StringReader(accepted.itemsJson()))) {
      items = reader.readArray();
    }
    for (JsonObject item : items.getValuesAs(JsonObject.class)) {
      JsonObject lineItem = item.getJsonObject("lineItem");
      String title = text(item, "title");
      added.add(
          lessons.add(
              courseId,
              new NewLtiLesson(
                  null,
                  title == null || title.isBlank() ? "Tool content" : shorten(title, 500),
                  accepted.request().toolId(),
                  accepted.request().deploymentId(),
                  text(item, "url"),
                  custom(item.get("custom")),
                  lineItem == null ? null : lineItemLabel(lineItem, title),
                  lineItem == null ? null : scoreMaximum(lineItem))));
    }
    return added;
  }

  private Tool claimedTool(String jwt) {
    try {
      JwtClaims unverified =
          new JwtConsumerBuilder()
              .setSkipAllValidators()
              .setDisableRequireSignature()
              .setSkipSignatureVerification()
              .build()
              .processToClaims(jwt);
      String iss = unverified.getIssuer();
      return (iss == null ? java.util.Optional.<Tool>empty() : tools.findByClientId(iss))
          .orElseThrow(() -> refused("iss names no registered tool."));
    } catch (InvalidJwtException | MalformedClaimException e) {
      throw refused("JWT is not a signed JSON Web Token.");
    }
  }

  /** The content items Lectern accepts: resource links (others are ignored). */
  private static List<JsonObject> resourceLinks(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw refused("content_items must be an array.");
    }
    List<JsonObject> links = new ArrayList<>();
    for (JsonValue item : value.asJsonArray()) {
      if (item instanceof JsonObject object && "ltiResourceLink".equals(text(object, "type"))) {
        String url = text(object, "url");
        if (url != null) {
          ToolService.url("content_items.url", url);
        }
        if (object.get("lineItem") instanceof JsonObject lineItem) {
          scoreMaximum(lineItem);
        }
        links.add(object);
      }
    }
    if (links.size() > MAX_ITEMS) {
      throw refused("at most " + MAX_ITEMS + " resource links per response.");
    }
    return links;
  }

  private static Map<String, String> custom(JsonValue value) {
    Map<String, String> custom = new LinkedHashMap<>();
    if (value instanceof JsonObject object) {
      object.forEach(
          (k, v) -> {
            if (k.matches("[a-z0-9_]{1,64}")) {
              custom.put(
                  k, shorten(v instanceof JsonString s ? s.getString() : v.toString(), 1000));
            }
          });
    }
    return custom;
  }

  private static String lineItemLabel(JsonObject lineItem, String title) {
    String label = text(lineItem, "label");
    if (label == null || label.isBlank()) {
      label = title == null || title.isBlank() ? "Tool grade" : title;
    }
    return shorten(label, 500);
  }

  private static BigDecimal scoreMaximum(JsonObject lineItem) {
    JsonValue max = lineItem.get("scoreMaximum");
    if (max instanceof JsonNumber number && number.bigDecimalValue().signum() > 0) {
      return number.bigDecimalValue();
    }
    throw refused("a lineItem needs a positive scoreMaximum.");
  }

  private static String text(JsonObject object, String name) {
    JsonValue value = object.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }

  private static String shorten(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  private static LmsException refused(String detail) {
    return LtiErrors.launchRefused(
        "deep-linking-response", "The deep-linking response was refused: " + detail);
  }
}
