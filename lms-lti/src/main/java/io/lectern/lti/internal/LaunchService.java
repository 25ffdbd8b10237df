package io.lectern.lti.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonType;
import io.lectern.courses.api.LessonView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The platform's half of the OIDC third-party-initiated login (LTI Core 1.3 section 5.1.1 and the
 * Security Framework 5.1.1): a launch issues a random, short-lived, single-use hint bound to the
 * user, tool, course and lesson and sends the browser to the tool's login URL with it; the tool
 * sends the browser back to the authorization endpoint with that hint, which consumes it and
 * answers with the signed id_token (see {@link LaunchMessages}). No cookie is involved: the hint is
 * what carries the signed-in user across the hops (ADR 0022).
 */
@ApplicationScoped
public class LaunchService {

  public static final String RESOURCE_LINK = "LtiResourceLinkRequest";
  public static final String DEEP_LINKING = "LtiDeepLinkingRequest";

  @Inject CurrentUser currentUser;
  @Inject CourseCatalog catalog;
  @Inject Enrollments enrollments;
  @Inject ToolRepository tools;
  @Inject LtiRepository store;
  @Inject LaunchMessages messages;
  @Inject LtiSettings settings;
  @Inject Clock clock;

  /**
   * Starts the launch of an {@code lti} lesson by the caller: the course's instructor, admins and
   * students enrolled in the course (others: 403; drafts of others and unknown lessons: 404).
   */
  @Transactional
  public AutoPost launchLesson(UUID lessonId) {
    LessonView lesson =
        catalog
            .findLesson(lessonId)
            .filter(l -> l.type() == LessonType.LTI)
            .orElseThrow(LtiErrors::lessonNotFound);
    CourseView course =
        catalog.findCourse(lesson.courseId()).orElseThrow(LtiErrors::lessonNotFound);
    UUID user = currentUser.id();
    boolean edits = currentUser.isAdmin() || user.equals(course.instructorId());
    if (!course.published() && !edits) {
      throw LtiErrors.lessonNotFound();
    }
    if (!edits && !enrollments.isActiveEnrollment(user, course.id())) {
      throw LmsException.forbidden(
          "lti.not-enrolled", "Enrol in the course to launch this lesson.");
    }
    LessonLink link = store.link(lessonId).orElseThrow(LtiErrors::lessonNotFound);
    Tool tool = tools.find(link.toolId()).orElseThrow(LtiErrors::lessonNotFound);
    String target = link.targetLinkUri() != null ? link.targetLinkUri() : tool.targetLinkUri();
    return loginForm(
        tool,
        new LtiRepository.Hint(
            user, tool.id(), course.id(), lessonId, link.deploymentId(), RESOURCE_LINK),
        target);
  }

  /** Starts a deep-linking request of the course's instructor (or an admin) to a tool. */
  @Transactional
  public AutoPost startDeepLinking(UUID courseId, UUID toolId, String deploymentId) {
    CourseView course = catalog.findCourse(courseId).orElseThrow(LtiErrors::courseNotFound);
    UUID user = currentUser.id();
    boolean edits = currentUser.isAdmin() || user.equals(course.instructorId());
    if (!edits) {
      if (!course.published()) {
        throw LtiErrors.courseNotFound();
      }
      throw LmsException.forbidden(
          "lti.not-owner", "Only the course's instructor or an admin may add tool content.");
    }
    Tool tool = tools.find(toolId).orElseThrow(LtiErrors::toolNotFound);
    if (!tool.hasDeployment(deploymentId)) {
      throw LmsException.invalidField(
          "lti.unknown-deployment", "deploymentId", "is not a deployment of this tool");
    }
    String target = tool.deepLinkingUrl() != null ? tool.deepLinkingUrl() : tool.targetLinkUri();
    return loginForm(
        tool,
        new LtiRepository.Hint(user, tool.id(), course.id(), null, deploymentId, DEEP_LINKING),
        target);
  }

  private AutoPost loginForm(Tool tool, LtiRepository.Hint hint, String target) {
    String secret = Secrets.random();
    Instant now = clock.instant();
    store.insertHint(Secrets.hash(secret), hint, now.plus(settings.hintLifetime()));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("iss", messages.issuer());
    fields.put("login_hint", hint.userId().toString());
    fields.put("lti_message_hint", secret);
    fields.put("target_link_uri", target);
    fields.put("client_id", tool.clientId());
    fields.put("lti_deployment_id", hint.deploymentId());
    return new AutoPost(tool.loginUrl(), fields);
  }

  /**
   * The authorization endpoint: checks the tool's authentication request against the registration
   * and the hint, consumes the hint and answers with the id_token posted to the redirect URI. Every
   * refusal is a 400 problem and never a redirect (an unchecked redirect URI must not receive
   * anything).
   */
  @Transactional
  public AutoPost authorize(Map<String, String> request) {
    expect(request, "scope", "openid");
    expect(request, "response_type", "id_token");
    expect(request, "response_mode", "form_post");
    expect(request, "prompt", "none");
    String clientId = required(request, "client_id");
    String redirectUri = required(request, "redirect_uri");
    String nonce = required(request, "nonce");
    String state = required(request, "state");
    String loginHint = required(request, "login_hint");
    String messageHint = required(request, "lti_message_hint");
    Tool tool =
        tools
            .findByClientId(clientId)
            .orElseThrow(
                () -> LtiErrors.launchRefused("unknown-client", "No tool has this client_id."));
    if (!tool.redirectUris().contains(redirectUri)) {
      throw LtiErrors.launchRefused(
          "redirect-uri-not-registered",
          "redirect_uri is not one of the tool's registered redirect URIs.");
    }
    Instant now = clock.instant();
    LtiRepository.Hint hint =
        store
            .consumeHint(Secrets.hash(messageHint), tool.id(), now)
            .orElseThrow(
                () ->
                    LtiErrors.launchRefused(
                        "hint-invalid",
                        "lti_message_hint is unknown, expired, already used or was issued for"
                            + " another tool; launch again."));
    if (!hint.userId().toString().equals(loginHint)) {
      throw LtiErrors.launchRefused(
          "login-hint-mismatch", "login_hint does not name the user the launch was issued to.");
    }
    String idToken =
        DEEP_LINKING.equals(hint.messageType())
            ? messages.deepLinkingRequest(tool, hint, nonce, now)
            : messages.resourceLinkRequest(tool, hint, nonce, now);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id_token", idToken);
    fields.put("state", state);
    return new AutoPost(redirectUri, fields);
  }

  private static String required(Map<String, String> request, String name) {
    String value = request.get(name);
    if (value == null || value.isBlank() || value.length() > 4096) {
      throw LtiErrors.launchRefused(
          "authorization-request", name + " is required (at most 4096 characters).");
    }
    return value;
  }

  private static void expect(Map<String, String> request, String name, String expected) {
    String value = required(request, name);
    boolean ok =
        name.equals("scope")
            ? java.util.Arrays.asList(value.split(" ")).contains(expected)
            : value.equals(expected);
    if (!ok) {
      throw LtiErrors.launchRefused(
          "authorization-request", name + " must be " + expected + " for an LTI launch.");
    }
  }
}
