package io.lectern.enrollment.web;

import io.lectern.enrollment.internal.EnrollmentCommands;
import io.lectern.shared.text.TextPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request bodies of the enrolment and progress API with their validation rules. */
public final class EnrollmentRequests {

  private EnrollmentRequests() {}

  /** A heartbeat may ask for up to a day; everything above 300 seconds is refused, not a 400. */
  static final int MAX_REQUESTED_SECONDS = 86_400;

  /** Positions are seconds into a lesson's media; a week is far beyond any lesson. */
  static final int MAX_POSITION_SECONDS = 604_800;

  public static final int MAX_SYNC_EVENTS = 500;

  public record Heartbeat(
      @NotNull @PositiveOrZero @Max(MAX_REQUESTED_SECONDS) Integer seconds,
      @PositiveOrZero @Max(MAX_POSITION_SECONDS) Integer positionSeconds) {}

  public record Completion(@Min(0) @Max(100) Integer score) {}

  public record Review(
      @NotNull @Min(1) @Max(5) Integer rating,
      @NotNull
          @Size(min = 10, max = 2000)
          @Pattern(regexp = TextPatterns.NOT_BLANK, message = "must not be blank")
          String review) {}

  public record SyncBatch(
      @NotNull @Size(min = 1, max = MAX_SYNC_EVENTS) List<@NotNull @Valid SyncEvent> events) {

    List<EnrollmentCommands.SyncEvent> toCommands() {
      return events.stream().map(SyncEvent::toCommand).toList();
    }
  }

  public record SyncEvent(
      @NotBlank @Size(max = 100) String eventId,
      @NotNull UUID lessonId,
      @NotNull
          @Pattern(
              regexp = "start|heartbeat|complete",
              message = "must be one of start, heartbeat, complete")
          String type,
      @PositiveOrZero @Max(MAX_REQUESTED_SECONDS) Integer seconds,
      @PositiveOrZero @Max(MAX_POSITION_SECONDS) Integer positionSeconds,
      @Min(0) @Max(100) Integer score,
      @NotNull Instant occurredAt) {

    EnrollmentCommands.SyncEvent toCommand() {
      return new EnrollmentCommands.SyncEvent(
          eventId, lessonId, type, seconds, positionSeconds, score, occurredAt);
    }
  }
}
