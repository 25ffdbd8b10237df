package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * xAPI forwarding end to end: a learner's enrolment, lesson, quiz and completion through the API
 * become statements at a Learning Record Store endpoint this test starts (Node.js, src/test/xapi),
 * which checks Basic authentication and the version header and validates every statement with
 * Learning Locker's independent {@code @learninglocker/xapi-validation} library; a batch with a
 * statement it finds invalid is refused with 400, which fails this test. The IT server forwards to
 * {@code lms.test.xapi-port} (lms-app/pom.xml). Needs Node.js and npm: CI (which sets {@code CI})
 * fails without them; a developer machine without them skips.
 */
class XapiIT {

  private static final String KEY = "lectern-it";
  private static final String SECRET = "test-only-xapi-secret";
  private static final String BASE = "https://lectern.it.test";
  private static final String VERBS = "http://adlnet.gov/expapi/verbs/";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static NodeApp lrs;
  private static int port;

  @BeforeAll
  static void startLrs() throws Exception {
    port = Integer.parseInt(System.getProperty("lms.test.xapi-port"));
    lrs =
        NodeApp.start(
            "xapi",
            List.of("package.json", "lrs.mjs"),
            "lrs.mjs",
            "@learninglocker/xapi-validation",
            Map.of(
                "PORT",
                Integer.toString(port),
                "LRS_KEY",
                KEY,
                "LRS_SECRET",
                SECRET,
                "LRS_PATH",
                "/xapi"),
            false);
    assertThat(lrs.port).as("the LRS's port").isEqualTo(port);
    // Events of the tests before this one waited for an LRS: they go out first, in order.
    waitFor("the xAPI backlog sent", () -> pendingTasks() == 0, 240);
  }

  @AfterAll
  static void stopLrs() {
    if (lrs != null) {
      lrs.close();
    }
  }

  @Test
  void aLearnersPathArrivesAsValidStatementsInOrderOnceEachDespiteFailures() throws Exception {
    control("/control/reset", Map.of());
    // The first request is refused; the second is stored but answered 503, as when the answer
    // is lost: the retry must carry the same statement ids, so that nothing is stored twice.
    control("/control", Map.of("failNext", 1, "storeThenFailNext", 1));

    Quizzes.Ready ready = Quizzes.ready("passingScore", 60);
    String token = ready.student().accessToken();
    UUID enrollment = ready.enrollment();
    UUID text = ready.draft().textLesson();
    Enrolments.start(token, enrollment, text).expect(200);
    Enrolments.complete(token, enrollment, text, 80).expect(200);
    UUID attempt = Quizzes.attemptId(Quizzes.start(token, ready.quiz()).expect(201));
    Quizzes.submit(token, attempt, Quizzes.allRight(ready.questions())).expect(200);
    waitFor(
        "the enrolment completed",
        () ->
            Db.count(
                    "select count(*) from events.outbox where subject = ?"
                        + " and type = 'enrollment.completed'",
                    "enrollment:" + enrollment)
                == 1,
        90);
    waitFor("every xAPI task settled", () -> pendingTasks() == 0, 90);

    // Every forwarded event's task is done; none was set aside as refused by the LRS.
    assertThat(
            Db.count(
                "select count(*) from events.consumer_task where consumer = 'xapi'"
                    + " and status = 'failed'"))
        .as("events whose statements the LRS refused")
        .isZero();

    // Every request carried the version header, Basic authentication and JSON, and the LRS
    // refused none as invalid: the only failures are the two it was told to answer with 503.
    List<JsonNode> requests = list(get("/control/requests"));
    assertThat(requests).isNotEmpty();
    int refused = 0;
    for (JsonNode request : requests) {
      assertThat(request.path("version").asText()).isEqualTo("1.0.3");
      assertThat(request.path("authorised").asBoolean()).isTrue();
      assertThat(request.path("contentType").asText()).startsWith("application/json");
      assertThat(request.path("warnings").size())
          .as("validator warnings: %s", request.path("warnings"))
          .isZero();
      int status = request.path("status").asInt();
      assertThat(status).isIn(200, 503);
      if (status == 503) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(2);
    // The refused statements were sent again under the same ids and then accepted.
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).path("status").asInt() != 503) {
        continue;
      }
      Set<String> ids = texts(requests.get(i).path("ids"));
      Set<String> acceptedLater = new HashSet<>();
      for (JsonNode later : requests.subList(i + 1, requests.size())) {
        if (later.path("status").asInt() == 200) {
          acceptedLater.addAll(texts(later.path("ids")));
        }
      }
      assertThat(acceptedLater).containsAll(ids);
    }
    assertThat(requests.stream().mapToInt(r -> r.path("resent").asInt()).sum())
        .as("statements sent again after the lost answer, recognised by their ids")
        .isPositive();

    // What the LRS stored for this enrolment: the path, in order, one statement each.
    List<JsonNode> mine = new ArrayList<>();
    for (JsonNode s : list(get("/control/statements"))) {
      JsonNode statement = s.path("statement");
      if (statement.path("context").path("registration").asText().equals(enrollment.toString())) {
        mine.add(statement);
      }
    }
    List<String> verbs =
        mine.stream().map(s -> s.path("verb").path("id").asText().replace(VERBS, "")).toList();
    assertThat(verbs)
        .containsSubsequence(
            "registered", "launched", "completed", "scored", "passed", "completed");
    assertThat(verbs.get(0)).isEqualTo("registered");
    assertThat(verbs.get(verbs.size() - 1)).isEqualTo("completed");
    assertThat(verbs).doesNotContain("failed");
    Set<String> ids = new HashSet<>();
    for (JsonNode s : mine) {
      assertThat(ids.add(s.path("id").asText())).as("statement id %s once", s.path("id")).isTrue();
      assertThat(s.path("actor").path("account").path("homePage").asText()).isEqualTo(BASE);
      assertThat(s.path("actor").path("account").path("name").asText())
          .isEqualTo(ready.student().id().toString());
    }
    // One statement per fact: as many as the forwarded events of this enrolment map to.
    long graded =
        Db.count(
            "select count(*) from events.outbox where subject = ? and type = 'quiz.attempt.graded'",
            "enrollment:" + enrollment);
    long forwarded =
        Db.count(
            "select count(*) from events.consumer_task t join events.outbox o on o.id = t.event_id"
                + " where t.consumer = 'xapi' and o.subject = ? and t.status = 'done'",
            "enrollment:" + enrollment);
    assertThat(graded).isEqualTo(1);
    assertThat(mine).hasSize((int) (forwarded + graded));

    JsonNode registered = mine.get(0);
    assertThat(registered.path("object").path("id").asText())
        .isEqualTo(BASE + "/xapi/courses/" + ready.draft().course());
    assertThat(registered.path("object").path("definition").path("type").asText())
        .isEqualTo("http://adlnet.gov/expapi/activities/course");
    JsonNode lessonDone =
        mine.stream()
            .filter(
                s ->
                    s.path("verb").path("id").asText().equals(VERBS + "completed")
                        && s.path("object")
                            .path("id")
                            .asText()
                            .equals(BASE + "/xapi/lessons/" + text))
            .findFirst()
            .orElseThrow();
    assertThat(lessonDone.path("result").path("score").path("scaled").asDouble()).isEqualTo(0.8);
    assertThat(lessonDone.path("result").path("completion").asBoolean()).isTrue();
    assertThat(
            lessonDone
                .path("context")
                .path("contextActivities")
                .path("parent")
                .get(0)
                .path("id")
                .asText())
        .isEqualTo(BASE + "/xapi/courses/" + ready.draft().course());
    JsonNode passed =
        mine.stream()
            .filter(s -> s.path("verb").path("id").asText().equals(VERBS + "passed"))
            .findFirst()
            .orElseThrow();
    assertThat(passed.path("object").path("id").asText())
        .isEqualTo(BASE + "/xapi/quizzes/" + ready.quiz());
    assertThat(passed.path("result").path("success").asBoolean()).isTrue();
    assertThat(passed.path("result").path("score").path("scaled").asDouble()).isEqualTo(1.0);
    assertThat(passed.path("result").path("score").path("raw").asDouble()).isEqualTo(100.0);
    // The attempt's start is in the outbox: the time it took is the statement's duration.
    assertThat(passed.path("result").path("duration").asText()).matches("PT(\\d+M)?[\\d.]+S");
    JsonNode courseDone = mine.get(mine.size() - 1);
    assertThat(courseDone.path("object").path("id").asText())
        .isEqualTo(BASE + "/xapi/courses/" + ready.draft().course());
  }

  @Test
  void theLrsRefusesInvalidStatementsWrongCredentialsAndAMissingVersion() throws Exception {
    String valid =
        """
        {"id": "%s",
         "actor": {"objectType": "Agent", "account": {"homePage": "%s", "name": "someone"}},
         "verb": {"id": "http://adlnet.gov/expapi/verbs/scored"},
         "object": {"objectType": "Activity", "id": "%s/xapi/quizzes/q"},
         "result": {"score": {"scaled": %s}}}
        """;
    HttpResponse<String> ok =
        post(valid.formatted(UUID.randomUUID(), BASE, BASE, "0.5"), "1.0.3", KEY, SECRET);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    // A scaled score above 1 breaks the spec's rules: the independent validator refuses it.
    HttpResponse<String> invalid =
        post(valid.formatted(UUID.randomUUID(), BASE, BASE, "1.5"), "1.0.3", KEY, SECRET);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("statement.result.score.scaled");
    assertThat(
            post(valid.formatted(UUID.randomUUID(), BASE, BASE, "0.5"), "1.0.3", KEY, "wrong")
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post(valid.formatted(UUID.randomUUID(), BASE, BASE, "0.5"), null, KEY, SECRET)
                .statusCode())
        .isEqualTo(400);
  }

  private static long pendingTasks() {
    return Db.count(
        "select count(*) from events.consumer_task where consumer = 'xapi' and status = 'pending'");
  }

  private static HttpResponse<String> post(String body, String version, String key, String secret)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/xapi/statements"))
            .header("content-type", "application/json")
            .header(
                "authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (version != null) {
      request.header("X-Experience-API-Version", version);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void control(String path, Map<String, Object> body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Api.JSON.readTree(response.body());
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> values = new HashSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static void waitFor(String what, BooleanSupplier condition, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline).as("waited %d s for %s", seconds, what).isTrue();
      Thread.sleep(200);
    }
  }
}
