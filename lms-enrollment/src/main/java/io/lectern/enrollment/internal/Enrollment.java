package io.lectern.enrollment.internal;

import io.lectern.enrollment.api.EnrollmentStatus;
import io.lectern.enrollment.api.EnrollmentView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A student's enrolment in a course with its course progress. The counts, percentage and total time
 * are derived from the enrolment's lesson progress rows and refreshed, under this row's lock, in
 * the same transaction as every progress change.
 */
@Entity
@Table(name = "enrollments", schema = "enrollment")
@NamedQuery(
    name = Enrollment.COUNT_BY_STATUS,
    query =
        """
        SELECT e.status AS status, COUNT(*) AS enrollments
        FROM Enrollment e
        WHERE e.courseId = :course
        GROUP BY e.status
        """)
public class Enrollment {

  /** A course's enrolments per status ({@code status}, {@code enrollments}); :course. */
  static final String COUNT_BY_STATUS = "Enrollment.countByStatus";

  @Id private UUID id;

  @Column(name = "student_id", nullable = false)
  private UUID studentId;

  @Column(name = "course_id", nullable = false)
  private UUID courseId;

  @Column(nullable = false, length = 20)
  private String status;

  @Column(name = "progress_percentage", nullable = false, precision = 5, scale = 2)
  private BigDecimal progressPercentage;

  @Column(name = "completed_lessons_count", nullable = false)
  private int completedLessons;

  @Column(name = "total_lessons_count", nullable = false)
  private int totalLessons;

  @Column(name = "total_time_spent_seconds", nullable = false)
  private long totalTimeSpentSeconds;

  private Integer rating;

  private String review;

  @Column(name = "reviewed_at")
  private Instant reviewedAt;

  @Column(name = "certificate_issued_at")
  private Instant certificateIssuedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(name = "dropped_at")
  private Instant droppedAt;

  @Column(name = "last_accessed_at")
  private Instant lastAccessedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Enrollment() {}

  public Enrollment(UUID studentId, UUID courseId, int totalLessons, Instant now) {
    this.id = UUID.randomUUID();
    this.studentId = studentId;
    this.courseId = courseId;
    this.status = EnrollmentStatus.ACTIVE.value();
    this.progressPercentage = LessonProgressRules.percentage(0, totalLessons);
    this.totalLessons = totalLessons;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Leaves the course; progress is kept for a later re-enrolment. */
  public void drop(Instant now) {
    status = EnrollmentStatus.DROPPED.value();
    droppedAt = now;
    updatedAt = now;
  }

  /**
   * Enrols again after dropping (or expiry): the same row with its progress, completed again if it
   * had been completed before (a course is completed only once).
   */
  public void reactivate(Instant now) {
    status =
        completedAt != null ? EnrollmentStatus.COMPLETED.value() : EnrollmentStatus.ACTIVE.value();
    droppedAt = null;
    updatedAt = now;
  }

  /**
   * Takes the counts derived from the lesson rows. Returns true exactly when this call completes
   * the enrolment (active → completed); a completed enrolment stays completed at 100 %.
   */
  public boolean applyProgress(int completed, int total, long timeSpent, Instant now) {
    this.completedLessons = completed;
    this.totalLessons = total;
    this.totalTimeSpentSeconds = timeSpent;
    this.lastAccessedAt = now;
    this.updatedAt = now;
    if (status() == EnrollmentStatus.COMPLETED) {
      this.progressPercentage = LessonProgressRules.HUNDRED;
      return false;
    }
    this.progressPercentage = LessonProgressRules.percentage(completed, total);
    if (status() == EnrollmentStatus.ACTIVE
        && LessonProgressRules.isCourseComplete(completed, total)) {
      this.status = EnrollmentStatus.COMPLETED.value();
      this.completedAt = now;
      return true;
    }
    return false;
  }

  public void review(int rating, String review, Instant now) {
    this.rating = rating;
    this.review = review;
    this.reviewedAt = now;
    this.updatedAt = now;
  }

  /** The first issue time stays; only a completed enrolment gets a certificate. */
  public boolean certificateIssued(Instant at) {
    if (completedAt == null) {
      return false;
    }
    if (certificateIssuedAt == null) {
      certificateIssuedAt = at;
    }
    return true;
  }

  public EnrollmentView view() {
    return new EnrollmentView(
        id,
        studentId,
        courseId,
        status(),
        progressPercentage,
        completedLessons,
        totalLessons,
        totalTimeSpentSeconds,
        createdAt,
        completedAt,
        certificateIssuedAt);
  }

  public boolean isOwnedBy(UUID userId) {
    return studentId.equals(userId);
  }

  public UUID id() {
    return id;
  }

  public UUID studentId() {
    return studentId;
  }

  public UUID courseId() {
    return courseId;
  }

  public EnrollmentStatus status() {
    return EnrollmentStatus.fromValue(status);
  }

  public BigDecimal progressPercentage() {
    return progressPercentage;
  }

  public int completedLessons() {
    return completedLessons;
  }

  public int totalLessons() {
    return totalLessons;
  }

  public long totalTimeSpentSeconds() {
    return totalTimeSpentSeconds;
  }

  public Integer rating() {
    return rating;
  }

  public String review() {
    return review;
  }

  public Instant reviewedAt() {
    return reviewedAt;
  }

  public Instant certificateIssuedAt() {
    return certificateIssuedAt;
  }

  public Instant completedAt() {
    return completedAt;
  }

  public Instant droppedAt() {
    return droppedAt;
  }

  public Instant lastAccessedAt() {
    return lastAccessedAt;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
