package io.lectern.enrollment.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A lesson's progress values (a row of {@code enrollment.lesson_progress}). */
public record ProgressRow(
    UUID lessonId,
    LessonStatus status,
    int timeSpentSeconds,
    int attempts,
    Integer bestScore,
    int lastPositionSeconds,
    BigDecimal completionPercentage,
    Instant firstStartedAt,
    Instant lastAccessedAt,
    Instant completedAt) {

  /** A lesson the student has not opened yet. */
  public static ProgressRow notStarted(UUID lessonId) {
    return new ProgressRow(
        lessonId,
        LessonStatus.NOT_STARTED,
        0,
        0,
        null,
        0,
        BigDecimal.ZERO.setScale(2),
        null,
        null,
        null);
  }

  public boolean completed() {
    return status == LessonStatus.COMPLETED;
  }
}
