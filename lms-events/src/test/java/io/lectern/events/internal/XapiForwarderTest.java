package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.events.api.EventTypes;
import io.lectern.events.internal.XapiClient.Answer;
import io.lectern.events.internal.XapiClient.Outcome;
import io.lectern.events.internal.XapiTasks.Claimed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How the forwarder settles a batch from the LRS's answer. The LRS is played by a scripted answer
 * per request and the task table by a map; the statements and HTTP are tested for real in XapiIT.
 */
class XapiForwarderTest {

  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  /** The settled state of each event: done, rejected, or retry at some time. */
  private final Map<UUID, String> settled = new LinkedHashMap<>();

  private final List<List<String>> requests = new ArrayList<>();

  private XapiForwarder forwarder(Function<List<JsonObject>, Answer> lrs) {
    XapiForwarder f = new XapiForwarder();
    f.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    f.settings =
        new XapiSettings() {
          final Values values =
              XapiSettings.read(
                  key ->
                      Optional.ofNullable(
                          Map.of(
                                  "lms.xapi.endpoint", "https://lrs.example.org/xapi",
                                  "lms.xapi.key", "k",
                                  "lms.xapi.secret", "s",
                                  "lms.xapi.base.iri", "https://lms.example.org")
                              .get(key)));

          @Override
          Values values() {
            return values;
          }
        };
    f.client =
        new XapiClient() {
          @Override
          Answer post(List<JsonObject> statements) {
            requests.add(statements.stream().map(s -> s.getString("id")).toList());
            return lrs.apply(statements);
          }
        };
    f.tasks =
        new XapiTasks() {
          @Override
          public void done(List<Claimed> tasks) {
            tasks.forEach(t -> settled.put(t.event().id(), "done"));
          }

          @Override
          public void rejected(List<Claimed> tasks, String error) {
            tasks.forEach(t -> settled.put(t.event().id(), "rejected"));
          }

          @Override
          public void retry(List<Claimed> tasks, Instant retryAt, String error) {
            tasks.forEach(
                t ->
                    settled.put(
                        t.event().id(), retryAt.isAfter(NOW) ? "backing off" : "waiting behind"));
          }
        };
    return f;
  }

  private static Claimed enrolment(int attempts) {
    JsonObject payload =
        Json.createObjectBuilder()
            .add("enrollmentId", UUID.randomUUID().toString())
            .add("studentId", UUID.randomUUID().toString())
            .add("courseId", UUID.randomUUID().toString())
            .build();
    return new Claimed(
        new XapiStatements.Event(
            UUID.randomUUID(), EventTypes.ENROLLMENT_CREATED, NOW, null, payload),
        attempts);
  }

  private static String statementOf(Claimed c) {
    return XapiStatements.statementId(c.event().id(), 0).toString();
  }

  @Test
  void aStoredBatchIsDoneInOneRequest() {
    List<Claimed> batch = List.of(enrolment(1), enrolment(1), enrolment(1));
    boolean more = forwarder(s -> new Answer(Outcome.STORED, 200, null)).deliver(batch);
    assertThat(more).isTrue();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .containsExactly(batch.stream().map(XapiForwarderTest::statementOf).toArray(String[]::new));
    assertThat(settled.values()).containsOnly("done");
  }

  @Test
  void anUnavailableLrsPutsTheWholeBatchBackWithBackoff() {
    List<Claimed> batch = List.of(enrolment(3), enrolment(3));
    boolean more = forwarder(s -> new Answer(Outcome.RETRY, 503, "HTTP 503")).deliver(batch);
    assertThat(more).isFalse();
    assertThat(settled.values()).containsExactly("backing off", "backing off");
  }

  @Test
  void aRefusedBatchIsNarrowedDownToTheEventTheLrsRefuses() {
    List<Claimed> batch = List.of(enrolment(1), enrolment(1), enrolment(1));
    String refused = statementOf(batch.get(1));
    boolean more =
        forwarder(
                s ->
                    s.stream().anyMatch(x -> x.getString("id").equals(refused))
                        ? new Answer(Outcome.REJECTED, 400, "HTTP 400")
                        : new Answer(Outcome.STORED, 200, null))
            .deliver(batch);
    assertThat(more).isTrue();
    assertThat(requests).hasSize(4); // the batch, then each event on its own
    assertThat(settled)
        .containsEntry(batch.get(0).event().id(), "done")
        .containsEntry(batch.get(1).event().id(), "rejected")
        .containsEntry(batch.get(2).event().id(), "done");
  }

  @Test
  void aConflictOnABatchIsNotTakenAsDeliveryOfTheOthers() {
    List<Claimed> batch = List.of(enrolment(2), enrolment(1));
    Set<String> known = Set.of(statementOf(batch.get(0)));
    boolean more =
        forwarder(
                s ->
                    s.stream().anyMatch(x -> known.contains(x.getString("id")))
                        ? new Answer(Outcome.CONFLICT, 409, "HTTP 409")
                        : new Answer(Outcome.STORED, 200, null))
            .deliver(batch);
    assertThat(more).isTrue();
    // The second event was sent on its own: a 409 for the batch had stored nothing of it.
    assertThat(requests).hasSize(3);
    assertThat(requests.get(2)).containsExactly(statementOf(batch.get(1)));
    assertThat(settled.values()).containsOnly("done");
  }

  @Test
  void whenTheLrsFailsWhileNarrowingTheRestWaitsBehindInOrder() {
    List<Claimed> batch = List.of(enrolment(1), enrolment(1), enrolment(1));
    int[] calls = {0};
    boolean more =
        forwarder(
                s -> {
                  calls[0]++;
                  return switch (calls[0]) {
                    case 1 -> new Answer(Outcome.REJECTED, 400, "HTTP 400");
                    case 2 -> new Answer(Outcome.STORED, 200, null);
                    default -> new Answer(Outcome.RETRY, 503, "HTTP 503");
                  };
                })
            .deliver(batch);
    assertThat(more).isFalse();
    assertThat(settled)
        .containsEntry(batch.get(0).event().id(), "done")
        .containsEntry(batch.get(1).event().id(), "backing off")
        .containsEntry(batch.get(2).event().id(), "waiting behind");
  }
}
