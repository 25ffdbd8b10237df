package io.lectern.events.internal;

import io.lectern.events.api.EventTypes;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server-side consumers of outbox events and the event types each one takes. A task is queued
 * for each in the statement that writes a matching event (see {@link Outbox}).
 */
final class Consumers {

  private Consumers() {}

  /** Issues the course certificate of a completed enrolment. */
  static final String CERTIFICATES = "certificates";

  static final Map<String, String> TYPES = Map.of(CERTIFICATES, EventTypes.ENROLLMENT_COMPLETED);

  /** {@code (VALUES ('certificates', 'enrollment.completed'))}, for the outbox statement. */
  static String valuesList() {
    return TYPES.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> "('" + e.getKey() + "', '" + e.getValue() + "')")
        .collect(Collectors.joining(", ", "(VALUES ", ")"));
  }
}
