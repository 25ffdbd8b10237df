package io.lectern.enrollment.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One lesson's progress within an enrolment, as read. It is written only by the atomic SQL in
 * {@link LessonProgressRepository} (time is added in the database, never read-modified-written
 * here), hence immutable for Hibernate.
 */
@Entity
@Immutable
@Table(name = "lesson_progress", schema = "enrollment")
public class LessonProgress {

  @Id private UUID id;

  @Column(name = "enrollment_id", nullable = false)
  private UUID enrollmentId;

  @Column(name = "lesson_id", nullable = false)
  private UUID lessonId;

  @Column(nullable = false)
  private String status;

  @Column(name = "time_spent_seconds", nullable = false)
  private int timeSpentSeconds;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "best_score")
  private Integer bestScore;

  @Column(name = "last_position_seconds", nullable = false)
  private int lastPositionSeconds;

  @Column(name = "completion_percentage", nullable = false)
  private BigDecimal completionPercentage;

  @Column(name = "first_started_at")
  private Instant firstStartedAt;

  @Column(name = "last_accessed_at")
  private Instant lastAccessedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  protected LessonProgress() {}

  public ProgressRow row() {
    return new ProgressRow(
        lessonId,
        LessonStatus.fromValue(status),
        timeSpentSeconds,
        attempts,
        bestScore,
        lastPositionSeconds,
        completionPercentage,
        firstStartedAt,
        lastAccessedAt,
        completedAt);
  }

  public UUID enrollmentId() {
    return enrollmentId;
  }
}
