package io.lectern.events.internal;

import io.lectern.events.internal.StreamFeed.FeedEvent;
import io.lectern.events.internal.WebhookRepository.Claim;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The one published form of an event: metadata around the documented payload under {@code data}.
 * Webhook bodies and stream messages carry the same bytes for the same event.
 */
final class Envelope {

  private Envelope() {}

  static String of(Claim c) {
    return of(
        c.eventId(),
        c.type(),
        c.version(),
        c.occurredAt(),
        c.subject(),
        c.sequence(),
        c.actor(),
        c.payload());
  }

  static String of(FeedEvent e) {
    return of(
        e.id(),
        e.type(),
        e.version(),
        e.occurredAt(),
        e.subject(),
        e.sequence(),
        e.actor(),
        e.payload());
  }

  private static String of(
      UUID id,
      String type,
      int version,
      Instant occurredAt,
      String subject,
      long sequence,
      UUID actor,
      String payload) {
    JsonObjectBuilder envelope =
        Json.createObjectBuilder()
            .add("id", id.toString())
            .add("type", type)
            .add("version", version)
            .add(
                "timestamp",
                DateTimeFormatter.ISO_INSTANT.format(occurredAt.truncatedTo(ChronoUnit.MICROS)))
            .add("subject", subject)
            .add("sequence", sequence);
    if (actor == null) {
      envelope.addNull("actor");
    } else {
      envelope.add("actor", actor.toString());
    }
    try (JsonReader reader = Json.createReader(new StringReader(payload))) {
      envelope.add("data", reader.readObject());
    }
    return envelope.build().toString();
  }
}
