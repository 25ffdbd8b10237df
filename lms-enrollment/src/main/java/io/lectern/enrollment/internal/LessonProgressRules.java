package io.lectern.enrollment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The pure rules of progress. The time caps are applied inside the SQL update (so concurrent
 * heartbeats cannot over-count); {@link #acceptedSeconds} states the same rule for readers and
 * tests.
 */
public final class LessonProgressRules {

  /** The most one heartbeat (live or synced) may add to a lesson. */
  public static final int MAX_HEARTBEAT_SECONDS = 300;

  /** A lesson's time may exceed the wall-clock time since it was first started by this much. */
  public static final int ELAPSED_GRACE_SECONDS = 60;

  /** A review needs at least this much course progress (or a completed course). */
  public static final BigDecimal REVIEW_MIN_PROGRESS = new BigDecimal("20.00");

  public static final BigDecimal HUNDRED = new BigDecimal("100.00");

  private LessonProgressRules() {}

  /** Completed lessons as a percentage of the course's lessons, 2 decimals, half up; 0 if none. */
  public static BigDecimal percentage(int completed, int total) {
    if (total <= 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    int done = Math.max(0, Math.min(completed, total));
    return BigDecimal.valueOf(done * 100L)
        .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
  }

  public static boolean isCourseComplete(int completed, int total) {
    return total > 0 && completed >= total;
  }

  /**
   * Seconds of a heartbeat that count: at most {@link #MAX_HEARTBEAT_SECONDS}, and never more than
   * would take the lesson's time past the elapsed time since it was first started plus {@link
   * #ELAPSED_GRACE_SECONDS}.
   */
  public static int acceptedSeconds(int requested, long currentSeconds, long elapsedSeconds) {
    long room = Math.max(0, elapsedSeconds + ELAPSED_GRACE_SECONDS - currentSeconds);
    return (int) Math.min(Math.min(requested, MAX_HEARTBEAT_SECONDS), room);
  }

  /**
   * The lesson to resume: the first lesson in outline order that is not completed (null when every
   * lesson is complete).
   */
  public static UUID resumeLesson(List<UUID> outline, Map<UUID, ProgressRow> progress) {
    for (UUID lesson : outline) {
      ProgressRow row = progress.get(lesson);
      if (row == null || !row.completed()) {
        return lesson;
      }
    }
    return null;
  }

  /** Completed lessons among those currently in the course's outline. */
  public static int completedInOutline(List<UUID> outline, Map<UUID, ProgressRow> progress) {
    int completed = 0;
    for (UUID lesson : outline) {
      ProgressRow row = progress.get(lesson);
      if (row != null && row.completed()) {
        completed++;
      }
    }
    return completed;
  }
}
