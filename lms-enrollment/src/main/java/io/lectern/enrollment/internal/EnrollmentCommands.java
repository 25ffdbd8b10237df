package io.lectern.enrollment.internal;

import java.time.Instant;
import java.util.UUID;

/** What the enrolment and progress services are asked to do, already validated by the caller. */
public final class EnrollmentCommands {

  private EnrollmentCommands() {}

  /**
   * One progress event recorded offline: {@code type} is start, heartbeat or complete; a heartbeat
   * carries {@code seconds}, a completion may carry a {@code score}.
   */
  public record SyncEvent(
      String eventId,
      UUID lessonId,
      String type,
      Integer seconds,
      Integer positionSeconds,
      Integer score,
      Instant occurredAt) {}
}
