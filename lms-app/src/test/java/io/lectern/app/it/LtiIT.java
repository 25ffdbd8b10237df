package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LTI 1.3 Advantage end to end against a real tool (ltijs, see {@link LtiTool}): resource-link
 * launch, a score passed back through AGS that completes the lesson and the course, the roster
 * through NRPS, deep linking that adds lessons, and the refusals (bad signature, wrong audience,
 * replayed nonce and jti, expired, used or foreign hints, foreign state, unregistered redirect URI,
 * a student outside the course).
 */
class LtiIT {

  private static final int TOOL_PORT = 19311;
  private static final String DEPLOYMENT = "dep-1";

  private static LtiTool tool;
  private static String admin;
  private static UUID toolId;
  private static String clientId;
  private static String issuer;
  private static String tokenUrl;

  @BeforeAll
  static void startTool() throws Exception {
    tool = LtiTool.start(TOOL_PORT);
    admin = Accounts.admin().accessToken();
    Reply registered =
        Api.post(
                "/api/v1/admin/lti/tools",
                Map.of(
                    "name",
                    "ltijs test tool",
                    "loginUrl",
                    tool.base + "/login",
                    "targetLinkUri",
                    tool.base + "/",
                    "redirectUris",
                    List.of(tool.base + "/"),
                    "jwksUrl",
                    tool.base + "/keys",
                    "deploymentIds",
                    List.of(DEPLOYMENT),
                    "custom",
                    Map.of("tool_wide", "yes")),
                admin)
            .expect(201);
    toolId = UUID.fromString(registered.text("id"));
    clientId = registered.text("clientId");
    assertThat(clientId).startsWith("lectern-");
    JsonNode platform = registered.json().path("platform");
    issuer = platform.path("issuer").asText();
    tokenUrl = platform.path("tokenUrl").asText();
    HttpResponse<String> told =
        new LtiBrowser()
            .postJson(
                tool.base + "/control/platform",
                Api.JSON.writeValueAsString(
                    Map.of(
                        "url", issuer,
                        "clientId", clientId,
                        "authenticationEndpoint", platform.path("authorizationUrl").asText(),
                        "accesstokenEndpoint", tokenUrl,
                        "jwksUrl", platform.path("jwksUrl").asText())),
                null);
    assertThat(told.statusCode()).as(told.body()).isEqualTo(200);
  }

  @AfterAll
  static void stopTool() {
    if (tool != null) {
      tool.close();
    }
  }

  /** A published course whose only lesson launches the tool, with a line item of 50 points. */
  private record LtiCourse(UUID id, UUID lesson, UUID lineItem, Accounts.Session teacher) {}

  private static LtiCourse ltiCourse() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    UUID course = Courses.draft(teacher.accessToken(), "LTI course " + Courses.marker());
    Map<String, Object> lesson = new HashMap<>();
    lesson.put("title", "Simulation");
    lesson.put("toolId", toolId.toString());
    lesson.put("deploymentId", DEPLOYMENT);
    lesson.put("custom", Map.of("chapter", "3"));
    lesson.put("lineItem", Map.of("label", "Simulation grade", "scoreMaximum", 50));
    Reply added =
        Api.post("/api/v1/courses/" + course + "/lti/lessons", lesson, teacher.accessToken())
            .expect(201);
    Api.post("/api/v1/courses/" + course + "/publish", null, teacher.accessToken()).expect(200);
    return new LtiCourse(
        course,
        UUID.fromString(added.text("lessonId")),
        UUID.fromString(added.text("lineItemId")),
        teacher);
  }

  /** Launch page -> tool login -> platform authorization: the form that carries the id_token. */
  private static LtiBrowser.Form toAuthorization(LtiBrowser browser, HttpResponse<String> page) {
    LtiBrowser.Form login = LtiBrowser.form(page);
    assertThat(login.action()).isEqualTo(tool.base + "/login");
    return LtiBrowser.form(browser.submit(login));
  }

  private static JsonNode launch(LtiBrowser browser, UUID lesson, String token) {
    HttpResponse<String> page =
        browser.get(Api.BASE_URL + "/api/v1/lessons/" + lesson + "/launch", token);
    LtiBrowser.Form idToken = toAuthorization(browser, page);
    assertThat(idToken.action()).isEqualTo(tool.base + "/");
    HttpResponse<String> launched = browser.submit(idToken);
    assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
    return Api.parse(launched.body());
  }

  @Test
  void aStudentLaunchesTheToolWhichGradesThemAndReadsTheRoster() throws Exception {
    LtiCourse course = ltiCourse();
    Accounts.Session student = Accounts.student();
    UUID enrollment = Enrolments.enrol(student.accessToken(), course.id());
    // Only the tool's grade completes the lesson, not the student's own call.
    Enrolments.complete(student.accessToken(), enrollment, course.lesson(), null)
        .expectProblem(409, "enrollment.tool-lesson");

    HttpResponse<String> page =
        new LtiBrowser()
            .get(
                Api.BASE_URL + "/api/v1/lessons/" + course.lesson() + "/launch",
                student.accessToken());
    LtiBrowser.Form login = LtiBrowser.form(page);
    assertThat(login.fields())
        .containsEntry("iss", issuer)
        .containsEntry("login_hint", student.id().toString())
        .containsEntry("target_link_uri", tool.base + "/")
        .containsEntry("client_id", clientId)
        .containsEntry("lti_deployment_id", DEPLOYMENT)
        .containsKey("lti_message_hint");
    assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

    // The tool checks its ltik against the session cookie it set: one browser throughout.
    LtiBrowser browser = new LtiBrowser();
    JsonNode claims = launch(browser, course.lesson(), student.accessToken());
    assertThat(claims.path("messageType").asText()).isEqualTo("LtiResourceLinkRequest");
    assertThat(claims.path("version").asText()).isEqualTo("1.3.0");
    assertThat(claims.path("user").asText()).isEqualTo(student.id().toString());
    assertThat(claims.path("iss").asText()).isEqualTo(issuer);
    assertThat(claims.path("clientId").asText()).isEqualTo(clientId);
    assertThat(claims.path("deploymentId").asText()).isEqualTo(DEPLOYMENT);
    assertThat(claims.path("targetLinkUri").asText()).isEqualTo(tool.base + "/");
    assertThat(claims.path("resource").path("id").asText()).isEqualTo(course.lesson().toString());
    assertThat(claims.path("context").path("id").asText()).isEqualTo(course.id().toString());
    assertThat(claims.path("roles").toString())
        .contains("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")
        .doesNotContain("membership#Instructor");
    assertThat(claims.path("custom").path("chapter").asText()).isEqualTo("3");
    assertThat(claims.path("custom").path("tool_wide").asText()).isEqualTo("yes");
    assertThat(claims.path("launchPresentation").path("document_target").asText())
        .isEqualTo("window");
    assertThat(claims.path("endpoint").path("lineitem").asText())
        .endsWith("/api/v1/lti/contexts/" + course.id() + "/lineitems/" + course.lineItem());
    assertThat(claims.path("endpoint").path("scope").toString())
        .contains("https://purl.imsglobal.org/spec/lti-ags/scope/score");
    assertThat(claims.path("namesRoles").path("context_memberships_url").asText())
        .endsWith("/api/v1/lti/contexts/" + course.id() + "/memberships");
    String ltik = claims.path("ltik").asText();

    // An in-progress score records the score without completing the lesson.
    JsonNode partial =
        tool(
            browser,
            "/control/score",
            ltik,
            Map.of(
                "scoreGiven",
                20,
                "scoreMaximum",
                50,
                "activityProgress",
                "InProgress",
                "gradingProgress",
                "Pending"));
    assertThat(partial.path("sent").path("userId").asText()).isEqualTo(student.id().toString());
    Map<String, Object> progress =
        Db.row(
            "SELECT status, best_score FROM enrollment.lesson_progress"
                + " WHERE enrollment_id = ? AND lesson_id = ?",
            enrollment,
            course.lesson());
    assertThat(progress.get("status")).isEqualTo("in_progress");
    assertThat(((Number) progress.get("best_score")).intValue()).isEqualTo(40);

    // The tool's final score completes the lesson, then the course, then the certificate.
    tool(
        browser,
        "/control/score",
        ltik,
        Map.of(
            "scoreGiven",
            45,
            "scoreMaximum",
            50,
            "activityProgress",
            "Completed",
            "gradingProgress",
            "FullyGraded"));
    Map<String, Object> score =
        Db.row(
            "SELECT score_given, activity_progress, grading_progress FROM lti.score"
                + " WHERE line_item_id = ? AND user_id = ?",
            course.lineItem(),
            student.id());
    assertThat(((Number) score.get("score_given")).doubleValue()).isEqualTo(45.0);
    assertThat(score.get("grading_progress")).isEqualTo("FullyGraded");
    progress =
        Db.row(
            "SELECT status, best_score FROM enrollment.lesson_progress"
                + " WHERE enrollment_id = ? AND lesson_id = ?",
            enrollment,
            course.lesson());
    assertThat(progress.get("status")).isEqualTo("completed");
    assertThat(((Number) progress.get("best_score")).intValue()).isEqualTo(90);
    Reply mine = Api.get("/api/v1/enrollments/" + enrollment, student.accessToken()).expect(200);
    assertThat(mine.text("status")).isEqualTo("completed");
    assertThat(mine.json().path("completedLessons").asInt()).isEqualTo(1);
    long deadline = System.currentTimeMillis() + 20_000;
    while (Db.rows("SELECT 1 FROM certificates.certificates WHERE enrollment_id = ?", enrollment)
            .isEmpty()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(
            Db.rows("SELECT 1 FROM certificates.certificates WHERE enrollment_id = ?", enrollment))
        .as("the certificate of the course the score completed")
        .hasSize(1);

    // Line items and the roster, read by the tool.
    JsonNode lineItems = toolGet(browser, "/control/lineitems", ltik);
    assertThat(lineItems.toString())
        .contains("Simulation grade")
        .contains(course.lesson().toString());
    JsonNode roster = toolGet(browser, "/control/members", ltik);
    JsonNode members = roster.path("members");
    assertThat(members.size()).isEqualTo(2);
    Map<String, String> roles = new HashMap<>();
    members.forEach(m -> roles.put(m.path("user_id").asText(), m.path("roles").toString()));
    assertThat(roles.get(student.id().toString())).contains("membership#Learner");
    assertThat(roles.get(course.teacher().id().toString())).contains("membership#Instructor");
    assertThat(roster.path("context").path("id").asText()).isEqualTo(course.id().toString());

    // The instructor's launch carries the Instructor role.
    JsonNode teacherLaunch =
        launch(new LtiBrowser(), course.lesson(), course.teacher().accessToken());
    assertThat(teacherLaunch.path("roles").toString()).contains("membership#Instructor");
  }

  @Test
  void theInstructorAddsLessonsByDeepLinking() throws Exception {
    LtiCourse course = ltiCourse();
    String teacher = course.teacher().accessToken();
    LtiBrowser browser = new LtiBrowser();
    HttpResponse<String> page =
        browser.postJson(
            Api.BASE_URL + "/api/v1/courses/" + course.id() + "/lti/deep-linking",
            Api.JSON.writeValueAsString(
                Map.of("toolId", toolId.toString(), "deploymentId", DEPLOYMENT)),
            teacher);
    LtiBrowser.Form idToken = toAuthorization(browser, page);
    LtiBrowser.Form response = LtiBrowser.form(browser.submit(idToken));
    assertThat(response.action()).endsWith("/api/v1/lti/deep-linking/return");
    assertThat(response.fields()).containsKey("JWT");

    // A response whose signature does not verify is refused (and uses up nothing).
    String jwt = response.fields().get("JWT");
    String tampered = jwt.substring(0, jwt.length() - 2) + (jwt.endsWith("AA") ? "BB" : "AA");
    formPost("/api/v1/lti/deep-linking/return", Map.of("JWT", tampered))
        .expectProblem(400, "lti.deep-linking-response");

    HttpResponse<String> returned = browser.submit(response);
    assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
    JsonNode answer = Api.parse(returned.body());
    assertThat(answer.path("resourceLinks").asInt()).isEqualTo(2);
    assertThat(answer.path("courseId").asText()).isEqualTo(course.id().toString());
    String requestId = answer.path("requestId").asText();

    // The same signed response again: its nonce was seen.
    Reply replay =
        formPost("/api/v1/lti/deep-linking/return", Map.of("JWT", response.fields().get("JWT")));
    replay.expectProblem(400, "lti.deep-linking-response");
    assertThat(replay.text("detail")).contains("nonce");

    // Only the instructor who asked accepts, once.
    Accounts.Session other = Accounts.withRole("instructor");
    Api.post(
            "/api/v1/courses/" + course.id() + "/lti/deep-linking/" + requestId + "/accept",
            null,
            other.accessToken())
        .expectProblem(404, "lti.deep-link-not-found");
    Reply accepted =
        Api.post(
                "/api/v1/courses/" + course.id() + "/lti/deep-linking/" + requestId + "/accept",
                null,
                teacher)
            .expect(201);
    JsonNode lessons = accepted.json().path("lessons");
    assertThat(lessons.size()).isEqualTo(2);
    Api.post(
            "/api/v1/courses/" + course.id() + "/lti/deep-linking/" + requestId + "/accept",
            null,
            teacher)
        .expectProblem(404, "lti.deep-link-not-found");
    List<Map<String, Object>> added =
        Db.rows(
            "SELECT l.title, l.lesson_type, i.label, i.score_maximum FROM courses.lessons l"
                + " LEFT JOIN lti.line_item i ON i.lesson_id = l.id"
                + " WHERE l.course_id = ? AND l.title LIKE 'Deep-linked%' ORDER BY l.title",
            course.id());
    assertThat(added).hasSize(2);
    assertThat(added.get(0).get("title")).isEqualTo("Deep-linked reading");
    assertThat(added.get(0).get("label")).isNull();
    assertThat(added.get(1).get("title")).isEqualTo("Deep-linked simulation");
    assertThat(added.get(1).get("lesson_type")).isEqualTo("lti");
    assertThat(added.get(1).get("label")).isEqualTo("Simulation score");
    assertThat(((Number) added.get(1).get("score_maximum")).doubleValue()).isEqualTo(10.0);
    Map<String, Object> link =
        Db.row(
            "SELECT custom::text AS custom, tool_id FROM lti.lesson_link WHERE lesson_id = ?",
            UUID.fromString(lessons.get(0).path("lessonId").asText()));
    assertThat(link.get("tool_id")).isEqualTo(toolId);

    // A deep-linked lesson launches like any other.
    Accounts.Session student = Accounts.student();
    Enrolments.enrol(student.accessToken(), course.id());
    JsonNode claims =
        launch(
            new LtiBrowser(),
            UUID.fromString(lessons.get(0).path("lessonId").asText()),
            student.accessToken());
    assertThat(claims.path("messageType").asText()).isEqualTo("LtiResourceLinkRequest");
  }

  @Test
  void launchesAreRefusedForOutsidersAndForeignUsedExpiredOrMisdirectedRequests() {
    LtiCourse course = ltiCourse();
    Accounts.Session outsider = Accounts.student();
    String launchPath = "/api/v1/lessons/" + course.lesson() + "/launch";
    Api.get(launchPath, outsider.accessToken()).expectProblem(403, "lti.not-enrolled");
    Api.get(launchPath, null).expect(401);
    Api.get("/api/v1/lessons/" + UUID.randomUUID() + "/launch", outsider.accessToken())
        .expectProblem(404, "lti.lesson-not-found");
    Accounts.Session student = Accounts.student();
    Enrolments.enrol(student.accessToken(), course.id());

    // A hint is single-use: the same authorization request twice.
    LtiBrowser browser = new LtiBrowser();
    LtiBrowser.Form login =
        LtiBrowser.form(browser.get(Api.BASE_URL + launchPath, student.accessToken()));
    HttpResponse<String> toPlatform = browser.submit(login);
    String authorizeUrl = toPlatform.request().uri().toString();
    assertThat(authorizeUrl).contains("/api/v1/lti/authorize?");
    assertThat(toPlatform.statusCode()).isEqualTo(200);
    Reply again = Api.get(authorizeUrl.substring(Api.BASE_URL.length()), null);
    again.expectProblem(400, "lti.hint-invalid");

    // A hint for another user (a foreign login_hint) is refused.
    Map<String, String> request = authorization(student);
    request.put("login_hint", outsider.id().toString());
    formPost("/api/v1/lti/authorize", request).expectProblem(400, "lti.login-hint-mismatch");

    // An unregistered redirect URI gets nothing, not even a redirect.
    request = authorization(student);
    request.put("redirect_uri", "http://127.0.0.1:" + TOOL_PORT + "/elsewhere");
    Reply misdirected = formPost("/api/v1/lti/authorize", request);
    misdirected.expectProblem(400, "lti.redirect-uri-not-registered");
    assertThat(misdirected.header("Location")).isNull();

    // An expired hint.
    request = authorization(student);
    Db.execute(
        "UPDATE lti.launch_hint SET expires_at = now() - interval '1 second' WHERE hint_hash = '"
            + sha256(request.get("lti_message_hint"))
            + "'");
    formPost("/api/v1/lti/authorize", request).expectProblem(400, "lti.hint-invalid");

    // Wrong protocol values.
    request = authorization(student);
    request.put("response_mode", "query");
    formPost("/api/v1/lti/authorize", request).expectProblem(400, "lti.authorization-request");

    // The tool refuses a replayed id_token (its nonce) and a foreign state.
    LtiBrowser b2 = new LtiBrowser();
    LtiBrowser.Form idToken =
        toAuthorization(b2, b2.get(Api.BASE_URL + launchPath, student.accessToken()));
    Map<String, String> foreignState = new HashMap<>(idToken.fields());
    foreignState.put("state", "not-the-state-the-tool-issued");
    assertThat(b2.postForm(idToken.action(), foreignState).statusCode()).isEqualTo(401);
    LtiBrowser b3 = new LtiBrowser();
    LtiBrowser.Form fresh =
        toAuthorization(b3, b3.get(Api.BASE_URL + launchPath, student.accessToken()));
    assertThat(b3.submit(fresh).statusCode()).isEqualTo(200);
    assertThat(b3.submit(fresh).statusCode()).as("the replayed id_token").isEqualTo(401);

    // The id_token is signed with the access tokens' key, yet opens nothing in Lectern.
    String launchToken = fresh.fields().get("id_token");
    assertThat(Api.get("/api/v1/users/me", launchToken).status()).isIn(401, 403);
    assertThat(Api.get(launchPath, launchToken).status()).isIn(401, 403);
  }

  @Test
  void theTokenEndpointAuthenticatesToolsByTheirSignedAssertionsAndServicesCheckScopes()
      throws Exception {
    KeyPair key = rsa();
    KeyPair stranger = rsa();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    Reply registered =
        Api.post(
                "/api/v1/admin/lti/tools",
                Map.of(
                    "name",
                    "keyed tool",
                    "loginUrl",
                    "https://tool.example.org/login",
                    "targetLinkUri",
                    "https://tool.example.org/launch",
                    "redirectUris",
                    List.of("https://tool.example.org/launch"),
                    "publicKeyPem",
                    pem,
                    "deploymentIds",
                    List.of("d1")),
                admin)
            .expect(201);
    String keyedClient = registered.text("clientId");
    String run = UUID.randomUUID().toString();
    String scope = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

    Reply granted = token(assertion(key, keyedClient, tokenUrl, run + "-1"), scope).expect(200);
    assertThat(granted.text("token_type")).isEqualTo("Bearer");
    assertThat(granted.text("scope")).isEqualTo(scope);
    String access = granted.text("access_token");

    token(assertion(key, keyedClient, tokenUrl, run + "-1"), scope)
        .expectProblem(401, "lti.invalid-client");
    token(assertion(stranger, keyedClient, tokenUrl, run + "-2"), scope)
        .expectProblem(401, "lti.invalid-client");
    token(assertion(key, keyedClient, issuer, run + "-3"), scope)
        .expectProblem(401, "lti.invalid-client");
    token(assertion(key, "lectern-none-none", tokenUrl, run + "-4"), scope)
        .expectProblem(401, "lti.invalid-client");
    token(assertion(key, keyedClient, tokenUrl, run + "-5"), "https://example.org/scope/admin")
        .expectProblem(400, "lti.invalid-scope");

    // The token works only with its scope, and only where the tool is deployed.
    LtiCourse course = ltiCourse();
    String lineItems = "/api/v1/lti/contexts/" + course.id() + "/lineitems";
    Api.send("GET", lineItems, null, access, null).expectProblem(403, "lti.scope-missing");
    Api.send("GET", lineItems, null, null, null).expectProblem(401, "lti.token-required");
    Api.send("GET", lineItems, null, "not-a-token", null).expectProblem(401, "lti.token-invalid");
    String read =
        token(
                assertion(key, keyedClient, tokenUrl, run + "-6"),
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")
            .expect(200)
            .text("access_token");
    Api.send("GET", lineItems, null, read, null).expectProblem(404, "lti.course-not-found");
  }

  @Test
  void adminsRegisterToolsWithValidation() {
    ltiCourse();
    Api.post(
            "/api/v1/admin/lti/tools",
            Map.of(
                "name", "broken",
                "loginUrl", "javascript:alert(1)",
                "targetLinkUri", "https://t.example.org/",
                "redirectUris", List.of("https://t.example.org/"),
                "jwksUrl", "https://t.example.org/keys",
                "deploymentIds", List.of("d")),
            admin)
        .expectProblem(400, "lti.tool-url");
    Api.post(
            "/api/v1/admin/lti/tools",
            Map.of(
                "name", "two keys",
                "loginUrl", "https://t.example.org/login",
                "targetLinkUri", "https://t.example.org/",
                "redirectUris", List.of("https://t.example.org/"),
                "deploymentIds", List.of("d")),
            admin)
        .expectProblem(400, "lti.tool-key");
    Api.get("/api/v1/admin/lti/tools", Accounts.student().accessToken()).expect(403);
    Reply list = Api.get("/api/v1/admin/lti/tools?size=1", admin).expect(200);
    assertThat(list.json().path("items").size()).isEqualTo(1);
    assertThat(String.join(",", list.allHeaders("Link"))).contains("rel=\"next\"");
    Api.delete("/api/v1/admin/lti/tools/" + toolId, admin).expectProblem(409, "lti.tool-in-use");
    Api.get("/api/v1/admin/lti/tools/" + UUID.randomUUID(), admin)
        .expectProblem(404, "lti.tool-not-found");
  }

  /** A fresh authorization request as the tool would send it, after a launch by the student. */
  private static Map<String, String> authorization(Accounts.Session student) {
    LtiBrowser browser = new LtiBrowser();
    // Only the launch page: its hint is then presented by hand.
    LtiBrowser.Form login =
        LtiBrowser.form(
            browser.get(
                Api.BASE_URL + "/api/v1/lessons/" + lastLesson(student) + "/launch",
                student.accessToken()));
    Map<String, String> request = new HashMap<>();
    request.put("scope", "openid");
    request.put("response_type", "id_token");
    request.put("response_mode", "form_post");
    request.put("prompt", "none");
    request.put("client_id", clientId);
    request.put("redirect_uri", tool.base + "/");
    request.put("login_hint", login.fields().get("login_hint"));
    request.put("lti_message_hint", login.fields().get("lti_message_hint"));
    request.put("nonce", UUID.randomUUID().toString());
    request.put("state", UUID.randomUUID().toString());
    return request;
  }

  /** The lti lesson of the course the student enrolled in last. */
  private static UUID lastLesson(Accounts.Session student) {
    return (UUID)
        Db.row(
                "SELECT k.lesson_id FROM enrollment.enrollments e"
                    + " JOIN lti.lesson_link k ON k.course_id = e.course_id"
                    + " WHERE e.student_id = ? ORDER BY e.created_at DESC LIMIT 1",
                student.id())
            .get("lesson_id");
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Reply formPost(String path, Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return Api.send("POST", path, body.toString(), null, "application/x-www-form-urlencoded");
  }

  private static Reply token(String assertion, String scope) {
    return formPost(
        "/api/v1/lti/token",
        Map.of(
            "grant_type",
            "client_credentials",
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion",
            assertion,
            "scope",
            scope));
  }

  private static String assertion(KeyPair key, String client, String audience, String jti)
      throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(client)
            .subject(client)
            .audience(audience)
            .jwtID(jti)
            .issueTime(new Date())
            .expirationTime(new Date(System.currentTimeMillis() + 60_000))
            .build();
    return sign(key, claims);
  }

  private static String sign(KeyPair key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("k1").build(),
            claims);
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static JsonNode tool(
      LtiBrowser browser, String path, String ltik, Map<String, Object> body) throws Exception {
    HttpResponse<String> response =
        browser.postJson(
            tool.base + path + "?ltik=" + ltik, Api.JSON.writeValueAsString(body), null);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return Api.parse(response.body());
  }

  private static JsonNode toolGet(LtiBrowser browser, String path, String ltik) {
    HttpResponse<String> response = browser.get(tool.base + path + "?ltik=" + ltik, null);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return Api.parse(response.body());
  }
}
