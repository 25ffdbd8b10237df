package io.lectern.enrollment.internal;

import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonView;
import io.lectern.enrollment.api.EnrollmentStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An enrolment's progress as read now: against the course's current outline, so lessons added since
 * the last progress change already lower an active enrolment's percentage (a completed enrolment
 * stays at 100 %). The stored values catch up on the next progress change.
 */
public record CourseProgress(
    Enrollment enrollment,
    CourseView course,
    List<LessonView> outline,
    Map<UUID, ProgressRow> lessons) {

  public List<UUID> lessonIds() {
    return outline.stream().map(LessonView::id).toList();
  }

  public int completedLessons() {
    return LessonProgressRules.completedInOutline(lessonIds(), lessons);
  }

  public int totalLessons() {
    return outline.size();
  }

  public BigDecimal percentage() {
    if (enrollment.status() == EnrollmentStatus.COMPLETED) {
      return LessonProgressRules.HUNDRED;
    }
    return LessonProgressRules.percentage(completedLessons(), totalLessons());
  }

  public ProgressRow lesson(UUID lessonId) {
    ProgressRow row = lessons.get(lessonId);
    return row == null ? ProgressRow.notStarted(lessonId) : row;
  }

  /** The first lesson in outline order that is not completed, or null when all are. */
  public LessonView resume() {
    UUID id = LessonProgressRules.resumeLesson(lessonIds(), lessons);
    return id == null ? null : outline.stream().filter(l -> l.id().equals(id)).findFirst().get();
  }
}
