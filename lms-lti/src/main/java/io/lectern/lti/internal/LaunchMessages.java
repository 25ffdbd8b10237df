package io.lectern.lti.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonView;
import io.lectern.lti.api.LtiScopes;
import io.lectern.users.api.PlatformSigner;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The id_tokens of LTI 1.3 launches, with every claim LTI Core 1.3, Deep Linking 2.0, AGS 2.0 and
 * NRPS 2.0 define for them, signed by {@link PlatformSigner} (the keys of {@code
 * /.well-known/jwks.json}).
 */
@ApplicationScoped
public class LaunchMessages {

  static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
  static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
  static final String DL_SETTINGS =
      "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
  static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
  private static final long LIFETIME_SECONDS = 300;

  @Inject PlatformSigner signer;
  @Inject UserDirectory users;
  @Inject CourseCatalog catalog;
  @Inject LtiRepository store;
  @Inject LineItemRepository lineItems;
  @Inject LtiSettings settings;

  String issuer() {
    return signer.issuer();
  }

  String resourceLinkRequest(Tool tool, LtiRepository.Hint hint, String nonce, Instant now) {
    LessonView lesson = catalog.findLesson(hint.lessonId()).orElseThrow(LtiErrors::lessonNotFound);
    LessonLink link = store.link(hint.lessonId()).orElseThrow(LtiErrors::lessonNotFound);
    JsonObjectBuilder claims =
        common(tool, hint, nonce, now, LaunchService.RESOURCE_LINK)
            .add(
                LTI + "target_link_uri",
                link.targetLinkUri() != null ? link.targetLinkUri() : tool.targetLinkUri())
            .add(
                LTI + "resource_link",
                Json.createObjectBuilder()
                    .add("id", lesson.id().toString())
                    .add("title", lesson.title()));
    Map<String, String> custom = new LinkedHashMap<>(tool.custom());
    custom.putAll(link.custom());
    claims.add(LTI + "custom", object(custom));
    JsonObjectBuilder ags = agsClaim(hint.courseId());
    lineItems
        .ofLesson(lesson.id())
        .ifPresent(item -> ags.add("lineitem", settings.lineItemUrl(hint.courseId(), item)));
    claims.add(AGS_ENDPOINT, ags);
    return signer.sign(claims.build().toString());
  }

  String deepLinkingRequest(Tool tool, LtiRepository.Hint hint, String nonce, Instant now) {
    UUID request = UUID.randomUUID();
    store.insertDeepLinkRequest(
        new LtiRepository.DeepLinkRequest(
            request, hint.userId(), tool.id(), hint.courseId(), hint.deploymentId()),
        now.plus(settings.hintLifetime()).plusSeconds(3600));
    JsonObjectBuilder claims =
        common(tool, hint, nonce, now, LaunchService.DEEP_LINKING)
            .add(
                LTI + "target_link_uri",
                tool.deepLinkingUrl() != null ? tool.deepLinkingUrl() : tool.targetLinkUri())
            .add(LTI + "custom", object(tool.custom()))
            .add(
                DL_SETTINGS,
                Json.createObjectBuilder()
                    .add("deep_link_return_url", settings.deepLinkReturnUrl())
                    .add("accept_types", Json.createArrayBuilder().add("ltiResourceLink"))
                    .add(
                        "accept_presentation_document_targets",
                        Json.createArrayBuilder().add("iframe").add("window"))
                    .add("accept_multiple", true)
                    .add("auto_create", true)
                    .add("data", request.toString()));
    claims.add(AGS_ENDPOINT, agsClaim(hint.courseId()));
    return signer.sign(claims.build().toString());
  }

  private JsonObjectBuilder common(
      Tool tool, LtiRepository.Hint hint, String nonce, Instant now, String messageType) {
    CourseView course = catalog.findCourse(hint.courseId()).orElseThrow(LtiErrors::courseNotFound);
    Optional<UserView> user = users.find(hint.userId());
    JsonObjectBuilder claims =
        Json.createObjectBuilder()
            .add("aud", tool.clientId())
            .add("azp", tool.clientId())
            .add("sub", hint.userId().toString())
            .add("iat", now.getEpochSecond())
            .add("exp", now.getEpochSecond() + LIFETIME_SECONDS)
            .add("nonce", nonce)
            .add(LTI + "message_type", messageType)
            .add(LTI + "version", "1.3.0")
            .add(LTI + "deployment_id", hint.deploymentId())
            .add(
                LTI + "roles",
                array(
                    LisRoles.of(
                        user.map(UserView::role).orElse(null),
                        hint.userId().equals(course.instructorId()))))
            .add(
                LTI + "context",
                Json.createObjectBuilder()
                    .add("id", course.id().toString())
                    .add("label", course.slug())
                    .add("title", course.title())
                    .add(
                        "type",
                        Json.createArrayBuilder()
                            .add("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering")))
            .add(
                LTI + "tool_platform",
                Json.createObjectBuilder()
                    .add("guid", signer.issuer())
                    .add("name", "Lectern")
                    .add("product_family_code", "lectern"))
            .add(
                LTI + "launch_presentation",
                Json.createObjectBuilder().add("document_target", "window").add("locale", "en"))
            .add(
                NRPS,
                Json.createObjectBuilder()
                    .add("context_memberships_url", settings.membershipsUrl(hint.courseId()))
                    .add("service_versions", Json.createArrayBuilder().add("2.0")));
    user.ifPresent(u -> claims.add("name", u.fullName()).add("email", u.email()));
    return claims;
  }

  private JsonObjectBuilder agsClaim(UUID courseId) {
    return Json.createObjectBuilder()
        .add(
            "scope",
            array(
                List.of(
                    LtiScopes.LINE_ITEM,
                    LtiScopes.LINE_ITEM_READ_ONLY,
                    LtiScopes.RESULT_READ_ONLY,
                    LtiScopes.SCORE)))
        .add("lineitems", settings.lineItemsUrl(courseId));
  }

  private static JsonArrayBuilder array(List<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private static JsonObjectBuilder object(Map<String, String> values) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    values.forEach(object::add);
    return object;
  }
}
