package io.lectern.events.internal;

import io.lectern.events.api.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The server-side consumers of outbox events and the event types each one takes. A task is queued
 * for each in the statement that writes a matching event (see {@link Outbox}).
 */
final class Consumers {

  private Consumers() {}

  /** Issues the course certificate of a completed enrolment. */
  static final String CERTIFICATES = "certificates";

  /** Forwards learning events to a Learning Record Store as xAPI statements (when configured). */
  static final String XAPI = "xapi";

  /** A consumer and one event type it takes. */
  record Subscription(String consumer, String type) {}

  static final List<Subscription> ALWAYS =
      List.of(new Subscription(CERTIFICATES, EventTypes.ENROLLMENT_COMPLETED));

  /** What {@link XapiStatements} turns into statements; queued only while forwarding is on. */
  static final List<String> XAPI_TYPES =
      List.of(
          EventTypes.ENROLLMENT_CREATED,
          EventTypes.LESSON_STARTED,
          EventTypes.LESSON_COMPLETED,
          EventTypes.QUIZ_ATTEMPT_GRADED,
          EventTypes.ENROLLMENT_COMPLETED,
          EventTypes.TUTORIAL_CHAPTER_RECORDED,
          EventTypes.TUTORIAL_QUIZ_RECORDED,
          EventTypes.TUTORIAL_COMPLETION_RECORDED);

  static List<Subscription> active(boolean xapi) {
    List<Subscription> all = new ArrayList<>(ALWAYS);
    if (xapi) {
      XAPI_TYPES.forEach(type -> all.add(new Subscription(XAPI, type)));
    }
    return List.copyOf(all);
  }

  /** {@code (VALUES ('certificates', 'enrollment.completed'), ...)}, for the outbox statement. */
  static String valuesList(List<Subscription> subscriptions) {
    return subscriptions.stream()
        .map(s -> "('" + s.consumer() + "', '" + s.type() + "')")
        .collect(Collectors.joining(", ", "(VALUES ", ")"));
  }
}
