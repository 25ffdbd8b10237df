package io.lectern.events.internal;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One fact as the outbox stores it: its type, the subject it is about ({@code enrollment:<id>},
 * {@code user:<id>} ...; deliveries keep their order per subject) and the documented payload.
 */
public record OutboxEvent(String type, String subject, Instant occurredAt, JsonObject payload) {}
