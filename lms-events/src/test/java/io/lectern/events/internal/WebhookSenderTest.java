package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.events.internal.WebhookRepository.Claim;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  @Test
  void theBodyWrapsThePayloadInTheEventEnvelopeAndIsTheSameOnEveryAttempt() {
    UUID event = UUID.fromString("0b8b2f4e-53b5-4c3e-9f0e-6a1d2c3b4a59");
    Claim first =
        new Claim(
            UUID.randomUUID(),
            event,
            "https://example.org/hooks",
            WebhookSigner.newSecret(),
            1,
            "enrollment.created",
            1,
            Instant.parse("2026-11-30T08:00:00.123456Z"),
            "enrollment:e1",
            null,
            42,
            "{\"courseId\": \"c1\", \"studentId\": \"s1\", \"enrollmentId\": \"e1\"}");
    String body = WebhookSender.body(first);
    assertThat(body)
        .isEqualTo(
            "{\"id\":\"0b8b2f4e-53b5-4c3e-9f0e-6a1d2c3b4a59\",\"type\":\"enrollment.created\","
                + "\"version\":1,\"timestamp\":\"2026-11-30T08:00:00.123456Z\","
                + "\"subject\":\"enrollment:e1\",\"sequence\":42,\"actor\":null,"
                + "\"data\":{\"courseId\":\"c1\",\"studentId\":\"s1\",\"enrollmentId\":\"e1\"}}");
    Claim retry =
        new Claim(
            first.subscriptionId(),
            event,
            first.url(),
            first.secret(),
            2,
            first.type(),
            1,
            first.occurredAt(),
            first.subject(),
            null,
            42,
            first.payload());
    assertThat(WebhookSender.body(retry)).isEqualTo(body);
  }
}
