package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Webhooks end to end: domain changes through the API become outbox events, delivered to a real
 * receiver (Node.js, src/test/webhooks) that verifies every request with the independent {@code
 * standardwebhooks} npm library, fails on request, and records what arrived. Needs Node.js and npm:
 * CI (which sets {@code CI}) fails without them; a developer machine without them skips. The IT
 * server allows loopback targets ({@code lms.webhooks.allow.private.targets}).
 */
class WebhookIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static NodeApp receiver;
  private static int port;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver =
        NodeApp.start(
            "webhooks",
            List.of("package.json", "receiver.mjs"),
            "receiver.mjs",
            "standardwebhooks",
            Map.of("PORT", "0"),
            false);
    port = receiver.port;
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void everyEventArrivesSignedOnceUnderOneIdInSubjectOrderDespiteFailures() throws Exception {
    String admin = Accounts.admin().accessToken();
    String name = "all-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        Api.post(
                "/api/v1/admin/webhooks",
                Map.of("url", hookUrl(name), "description", "every event"),
                admin)
            .expect(201);
    UUID subscription = UUID.fromString(created.json().path("webhook").path("id").asText());
    String secret = created.text("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(created.header("Location")).endsWith("/api/v1/admin/webhooks/" + subscription);
    assertThat(created.json().path("webhook").path("eventTypes").size()).isZero();
    Reply read = Api.get("/api/v1/admin/webhooks/" + subscription, admin).expect(200);
    assertThat(read.raw()).doesNotContain(secret).doesNotContain("whsec_");
    register(name, secret, 3, false);

    // A course, a student who finishes it, and another who enrols, drops and comes back.
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    Accounts.Session student = Accounts.student();
    UUID finished = Enrolments.enrol(student.accessToken(), course.id());
    Enrolments.start(student.accessToken(), finished, course.lessons().get(0)).expect(200);
    Enrolments.complete(student.accessToken(), finished, course.lessons().get(0), null).expect(200);
    Enrolments.complete(student.accessToken(), finished, course.lessons().get(1), 90).expect(200);
    Accounts.Session other = Accounts.student();
    UUID returning = Enrolments.enrol(other.accessToken(), course.id());
    Api.post("/api/v1/enrollments/" + returning + "/drop", null, other.accessToken()).expect(200);
    Api.post("/api/v1/courses/" + course.id() + "/enrollments", null, other.accessToken())
        .expect(200);
    Api.patch("/api/v1/admin/users/" + other.id(), Map.of("role", "instructor"), admin).expect(200);

    // The outbox holds what happened, in order per subject, with the caller as actor.
    assertThat(typesOf("enrollment:" + finished))
        .containsExactly(
            "enrollment.created",
            "lesson.started",
            "lesson.completed",
            "lesson.started",
            "lesson.completed",
            "enrollment.completed");
    assertThat(typesOf("enrollment:" + returning))
        .containsExactly("enrollment.created", "enrollment.dropped", "enrollment.reactivated");
    assertThat(typesOf("user:" + other.id())).containsExactly("user.created", "user.role_changed");
    assertThat(typesOf("course:" + course.id())).containsExactly("course.published");
    assertThat(
            Db.row(
                    "select actor from events.outbox where subject = ? and type ="
                        + " 'enrollment.created'",
                    "enrollment:" + finished)
                .get("actor"))
        .isEqualTo(student.id());
    // The certificate is issued after the completion commits ...
    waitFor(
        "certificate.issued in the outbox",
        () ->
            Db.count(
                    "select count(*) from events.outbox where type = 'certificate.issued'"
                        + " and payload->>'enrollmentId' = ?",
                    finished.toString())
                == 1);

    // ... by the events module's consumer of enrollment.completed, whose task is done.
    assertThat(
            Db.row(
                    "select t.status from events.consumer_task t join events.outbox o"
                        + " on o.id = t.event_id where t.consumer = 'certificates'"
                        + " and o.subject = ? and o.type = 'enrollment.completed'",
                    "enrollment:" + finished)
                .get("status"))
        .isEqualTo("done");

    waitFor(
        "no pending delivery",
        () ->
            Db.count(
                    "select count(*) from events.webhook_delivery where subscription_id = ?"
                        + " and status <> 'delivered'",
                    subscription)
                == 0);
    List<JsonNode> received = received(name);
    Set<String> queued = new HashSet<>();
    for (Map<String, Object> row :
        Db.rows(
            "select event_id from events.webhook_delivery where subscription_id = ?",
            subscription)) {
      queued.add(row.get("event_id").toString());
    }

    // Every request was signed correctly, carried its own id in the body, and came as JSON.
    for (JsonNode request : received) {
      assertThat(request.path("verified").asBoolean())
          .as("signature of %s: %s", request.path("webhookId"), request.path("error"))
          .isTrue();
      assertThat(request.path("event").path("id").asText())
          .isEqualTo(request.path("webhookId").asText());
      assertThat(request.path("contentType").asText()).startsWith("application/json");
    }
    // Everything queued arrived and was accepted; nothing arrived that was not queued.
    Map<String, Integer> accepted = new LinkedHashMap<>();
    int retried = 0;
    for (JsonNode request : received) {
      if (request.path("status").asInt() == 204) {
        accepted.merge(request.path("webhookId").asText(), 1, Integer::sum);
      } else {
        assertThat(request.path("status").asInt()).isEqualTo(503);
        retried++;
      }
    }
    assertThat(accepted.keySet()).isEqualTo(queued);
    long duplicates = accepted.values().stream().filter(n -> n > 1).count();
    assertThat(duplicates).as("events accepted more than once").isZero();
    // The three refused requests were retried, under the same ids, and then accepted.
    assertThat(retried).isEqualTo(3);
    for (JsonNode request : received) {
      if (request.path("status").asInt() == 503) {
        assertThat(accepted).containsKey(request.path("webhookId").asText());
      }
    }
    // No event arrived under two ids: one id per (subject, sequence).
    Map<String, Set<String>> idsByFact = new HashMap<>();
    for (JsonNode request : received) {
      JsonNode event = request.path("event");
      idsByFact
          .computeIfAbsent(
              event.path("subject").asText() + "#" + event.path("sequence").asLong(),
              k -> new HashSet<>())
          .add(request.path("webhookId").asText());
    }
    assertThat(idsByFact.values()).allMatch(ids -> ids.size() == 1);
    // Accepted in order per subject.
    Map<String, Long> lastBySubject = new HashMap<>();
    for (JsonNode request : received) {
      if (request.path("status").asInt() != 204) {
        continue;
      }
      JsonNode event = request.path("event");
      long sequence = event.path("sequence").asLong();
      Long previous = lastBySubject.put(event.path("subject").asText(), sequence);
      assertThat(previous == null || previous < sequence)
          .as("order of %s: %s after %s", event.path("subject"), sequence, previous)
          .isTrue();
    }
    // The catalogue's shape, on one event.
    JsonNode completion =
        received.stream()
            .map(r -> r.path("event"))
            .filter(e -> e.path("type").asText().equals("enrollment.completed"))
            .filter(e -> e.path("subject").asText().equals("enrollment:" + finished))
            .findFirst()
            .orElseThrow();
    assertThat(completion.path("version").asInt()).isEqualTo(1);
    assertThat(completion.path("actor").asText()).isEqualTo(student.id().toString());
    assertThat(completion.path("data").path("courseId").asText()).isEqualTo(course.id().toString());
    assertThat(completion.path("data").path("studentId").asText())
        .isEqualTo(student.id().toString());

    // The delivery log shows the retries with their status codes and timings.
    JsonNode retriedEvent =
        received.stream().filter(r -> r.path("status").asInt() == 503).findFirst().orElseThrow();
    JsonNode attempts =
        Api.get(
                "/api/v1/admin/webhooks/"
                    + subscription
                    + "/deliveries/"
                    + retriedEvent.path("webhookId").asText()
                    + "/attempts",
                admin)
            .expect(200)
            .json()
            .path("items");
    assertThat(attempts.size()).isGreaterThanOrEqualTo(2);
    assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(503);
    assertThat(attempts.get(attempts.size() - 1).path("statusCode").asInt()).isEqualTo(204);
    assertThat(attempts.get(0).path("durationMs").asInt()).isGreaterThanOrEqualTo(0);
    Reply log =
        Api.get("/api/v1/admin/webhooks/" + subscription + "/deliveries?status=delivered", admin)
            .expect(200);
    assertThat(log.json().path("totalItems").asLong()).isEqualTo(queued.size());

    System.out.printf(
        "Webhook delivery figures: events=%d requests=%d retried=%d delivered=%d duplicates=%d%n",
        queued.size(), received.size(), retried, accepted.size(), duplicates);
    Api.delete("/api/v1/admin/webhooks/" + subscription, admin).expect(204);
    Api.get("/api/v1/admin/webhooks/" + subscription, admin)
        .expectProblem(404, "webhooks.not-found");
  }

  @Test
  void aTestSendArrivesAndARedeliveryComesAgainUnderTheSameId() throws Exception {
    String admin = Accounts.admin().accessToken();
    String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        Api.post(
                "/api/v1/admin/webhooks",
                Map.of("url", hookUrl(name), "eventTypes", List.of("course.unpublished")),
                admin)
            .expect(201);
    String id = created.json().path("webhook").path("id").asText();
    register(name, created.text("secret"), 0, false);

    Reply test = Api.post("/api/v1/admin/webhooks/" + id + "/test", null, admin).expect(202);
    String eventId = test.text("eventId");
    assertThat(test.text("eventType")).isEqualTo("webhook.test");
    waitFor("the test event", () -> countAccepted(name, eventId) == 1);
    Api.get("/api/v1/admin/webhooks/" + id + "/deliveries/" + eventId, admin).expect(200).json();
    waitFor(
        "delivered status",
        () ->
            "delivered"
                .equals(
                    Api.get("/api/v1/admin/webhooks/" + id + "/deliveries/" + eventId, admin)
                        .text("status")));

    Api.post("/api/v1/admin/webhooks/" + id + "/deliveries/" + eventId + "/redeliver", null, admin)
        .expect(202);
    waitFor("the redelivery", () -> countAccepted(name, eventId) == 2);
    for (JsonNode request : received(name)) {
      assertThat(request.path("verified").asBoolean()).isTrue();
      assertThat(request.path("webhookId").asText()).isEqualTo(eventId);
      assertThat(request.path("event").path("data").path("subscriptionId").asText()).isEqualTo(id);
    }
    Api.post(
            "/api/v1/admin/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver",
            null,
            admin)
        .expectProblem(404, "webhooks.delivery-not-found");
    Api.delete("/api/v1/admin/webhooks/" + id, admin).expect(204);
  }

  @Test
  void aReceiverThatKeepsFailingGetsItsSubscriptionDisabledUntilEnabledAgain() throws Exception {
    String admin = Accounts.admin().accessToken();
    String name = "down-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        Api.post(
                "/api/v1/admin/webhooks",
                Map.of("url", hookUrl(name), "eventTypes", List.of("course.unpublished")),
                admin)
            .expect(201);
    String id = created.json().path("webhook").path("id").asText();
    register(name, created.text("secret"), 0, true);
    Api.post("/api/v1/admin/webhooks/" + id + "/test", null, admin).expect(202);
    Api.post("/api/v1/admin/webhooks/" + id + "/test", null, admin).expect(202);

    waitFor(
        "the subscription disabled",
        () -> !Api.get("/api/v1/admin/webhooks/" + id, admin).json().path("enabled").asBoolean());
    JsonNode disabled = Api.get("/api/v1/admin/webhooks/" + id, admin).json();
    assertThat(disabled.path("consecutiveFailures").asInt()).isEqualTo(6);
    assertThat(disabled.path("disabledReason").asText()).contains("6 failed delivery attempts");
    int attemptsWhenDisabled = received(name).size();
    assertThat(attemptsWhenDisabled).isEqualTo(6);
    assertThat(received(name)).allMatch(r -> r.path("verified").asBoolean());
    Thread.sleep(1500);
    assertThat(received(name)).as("no attempts while disabled").hasSize(attemptsWhenDisabled);

    JsonNode enabled =
        Api.patch("/api/v1/admin/webhooks/" + id, Map.of("enabled", true), admin)
            .expect(200)
            .json();
    assertThat(enabled.path("enabled").asBoolean()).isTrue();
    assertThat(enabled.path("consecutiveFailures").asInt()).isZero();
    assertThat(enabled.hasNonNull("disabledReason")).isFalse();
    Api.delete("/api/v1/admin/webhooks/" + id, admin).expect(204);
  }

  @Test
  void badSubscriptionsAreRefusedAndOnlyAdminsManageThem() {
    String admin = Accounts.admin().accessToken();
    Api.post(
            "/api/v1/admin/webhooks",
            Map.of("url", "https://example.org/hooks", "eventTypes", List.of("no.such.type")),
            admin)
        .expectProblem(400, "webhooks.unknown-event-type");
    Api.post("/api/v1/admin/webhooks", Map.of("url", "ftp://example.org/hooks"), admin)
        .expectProblem(400, "webhooks.invalid-url");
    Api.post("/api/v1/admin/webhooks", Map.of("url", "https://u:p@example.org/"), admin)
        .expectProblem(400, "webhooks.invalid-url");
    Api.get("/api/v1/admin/webhooks/" + UUID.randomUUID(), admin)
        .expectProblem(404, "webhooks.not-found");
    Api.get("/api/v1/admin/webhooks/" + UUID.randomUUID() + "/deliveries?status=lost", admin)
        .expect(404);
    Api.get("/api/v1/admin/webhooks", Accounts.student().accessToken())
        .expectProblem(403, "auth.forbidden");
    Api.get("/api/v1/admin/webhooks", null).expectProblem(401, "auth.required");
  }

  private static String hookUrl(String name) {
    return "http://127.0.0.1:" + port + "/hooks/" + name;
  }

  private static void register(String name, String secret, int failNext, boolean alwaysFail)
      throws Exception {
    String body =
        Api.JSON.writeValueAsString(
            Map.of("name", name, "secret", secret, "failNext", failNext, "alwaysFail", alwaysFail));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/control/endpoints"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  private static List<JsonNode> received(String name) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/control/received?name=" + name))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      List<JsonNode> list = new ArrayList<>();
      Api.parse(response.body()).forEach(list::add);
      return list;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long countAccepted(String name, String eventId) {
    return received(name).stream()
        .filter(r -> r.path("webhookId").asText().equals(eventId))
        .filter(r -> r.path("status").asInt() == 204)
        .count();
  }

  private static List<String> typesOf(String subject) {
    return Db.rows("select type from events.outbox where subject = ? order by sequence", subject)
        .stream()
        .map(r -> (String) r.get("type"))
        .toList();
  }

  private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline).as("waited 90 s for %s", what).isTrue();
      Thread.sleep(200);
    }
  }
}
