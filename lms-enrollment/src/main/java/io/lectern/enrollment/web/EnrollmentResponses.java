package io.lectern.enrollment.web;

import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonView;
import io.lectern.enrollment.internal.CourseProgress;
import io.lectern.enrollment.internal.Enrollment;
import io.lectern.enrollment.internal.EnrollmentService.Learner;
import io.lectern.enrollment.internal.ProgressRow;
import io.lectern.enrollment.internal.ProgressService.LessonUpdate;
import io.lectern.enrollment.internal.ProgressService.SyncOutcome;
import io.lectern.enrollment.internal.ProgressService.SyncReport;
import io.lectern.users.api.UserView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the enrolment and progress endpoints. */
public final class EnrollmentResponses {

  private EnrollmentResponses() {}

  public record CourseRef(UUID id, String title, String slug) {
    static CourseRef of(UUID id, CourseView course) {
      return course == null
          ? new CourseRef(id, null, null)
          : new CourseRef(course.id(), course.title(), course.slug());
    }
  }

  /** Where to pick up: the first lesson in outline order that is not completed. */
  public record Resume(UUID lessonId, String title, int positionSeconds, String status) {
    static Resume of(CourseProgress progress) {
      LessonView lesson = progress.resume();
      if (lesson == null) {
        return null;
      }
      ProgressRow row = progress.lesson(lesson.id());
      return new Resume(
          lesson.id(), lesson.title(), row.lastPositionSeconds(), row.status().value());
    }
  }

  /** An enrolment with its progress summary and the lesson to resume. */
  public record EnrollmentResponse(
      UUID id,
      UUID studentId,
      CourseRef course,
      String status,
      BigDecimal progressPercentage,
      int completedLessons,
      int totalLessons,
      long totalTimeSpentSeconds,
      Resume resume,
      Integer rating,
      String review,
      Instant enrolledAt,
      Instant completedAt,
      Instant droppedAt,
      Instant certificateIssuedAt,
      Instant lastAccessedAt) {

    static EnrollmentResponse of(CourseProgress p) {
      Enrollment e = p.enrollment();
      return new EnrollmentResponse(
          e.id(),
          e.studentId(),
          CourseRef.of(e.courseId(), p.course()),
          e.status().value(),
          p.percentage(),
          p.completedLessons(),
          p.totalLessons(),
          e.totalTimeSpentSeconds(),
          Resume.of(p),
          e.rating(),
          e.review(),
          e.createdAt(),
          e.completedAt(),
          e.droppedAt(),
          e.certificateIssuedAt(),
          e.lastAccessedAt());
    }
  }

  /** One lesson of the course with the student's progress in it. */
  public record LessonEntry(
      UUID lessonId,
      String title,
      String type,
      int position,
      UUID parentLessonId,
      String status,
      int timeSpentSeconds,
      int lastPositionSeconds,
      int attempts,
      Integer bestScore,
      BigDecimal completionPercentage,
      Instant firstStartedAt,
      Instant lastAccessedAt,
      Instant completedAt) {

    static LessonEntry of(LessonView lesson, ProgressRow row) {
      return new LessonEntry(
          lesson.id(),
          lesson.title(),
          lesson.type() == null ? null : lesson.type().value(),
          lesson.position(),
          lesson.parentLessonId(),
          row.status().value(),
          row.timeSpentSeconds(),
          row.lastPositionSeconds(),
          row.attempts(),
          row.bestScore(),
          row.completionPercentage(),
          row.firstStartedAt(),
          row.lastAccessedAt(),
          row.completedAt());
    }
  }

  /** The course progress of an enrolment: every lesson in outline order. */
  public record ProgressResponse(
      UUID enrollmentId,
      CourseRef course,
      String status,
      BigDecimal progressPercentage,
      int completedLessons,
      int totalLessons,
      long totalTimeSpentSeconds,
      Resume resume,
      List<LessonEntry> lessons) {

    static ProgressResponse of(CourseProgress p) {
      Enrollment e = p.enrollment();
      return new ProgressResponse(
          e.id(),
          CourseRef.of(e.courseId(), p.course()),
          e.status().value(),
          p.percentage(),
          p.completedLessons(),
          p.totalLessons(),
          e.totalTimeSpentSeconds(),
          Resume.of(p),
          p.outline().stream().map(l -> LessonEntry.of(l, p.lesson(l.id()))).toList());
    }
  }

  /** The enrolment's totals after a change. */
  public record CourseTotals(
      String status,
      BigDecimal progressPercentage,
      int completedLessons,
      int totalLessons,
      long totalTimeSpentSeconds,
      Instant completedAt) {
    static CourseTotals of(Enrollment e) {
      return new CourseTotals(
          e.status().value(),
          e.progressPercentage(),
          e.completedLessons(),
          e.totalLessons(),
          e.totalTimeSpentSeconds(),
          e.completedAt());
    }
  }

  /** A lesson's progress after start, heartbeat or complete. */
  public record LessonProgressResponse(
      UUID lessonId,
      String status,
      int timeSpentSeconds,
      int lastPositionSeconds,
      int attempts,
      Integer bestScore,
      BigDecimal completionPercentage,
      Instant firstStartedAt,
      Instant lastAccessedAt,
      Instant completedAt,
      Integer acceptedSeconds,
      Integer refusedSeconds,
      CourseTotals course) {

    static LessonProgressResponse of(LessonUpdate update) {
      ProgressRow row = update.lesson();
      return new LessonProgressResponse(
          row.lessonId(),
          row.status().value(),
          row.timeSpentSeconds(),
          row.lastPositionSeconds(),
          row.attempts(),
          row.bestScore(),
          row.completionPercentage(),
          row.firstStartedAt(),
          row.lastAccessedAt(),
          row.completedAt(),
          update.acceptedSeconds(),
          update.refusedSeconds(),
          CourseTotals.of(update.enrollment()));
    }
  }

  public record SyncResult(String eventId, String status, String detail, Integer acceptedSeconds) {
    static SyncResult of(SyncOutcome o) {
      return new SyncResult(o.eventId(), o.status(), o.detail(), o.acceptedSeconds());
    }
  }

  public record SyncResponse(List<SyncResult> results, CourseTotals course) {
    static SyncResponse of(SyncReport report) {
      return new SyncResponse(
          report.results().stream().map(SyncResult::of).toList(),
          CourseTotals.of(report.enrollment()));
    }
  }

  public record Student(UUID id, String fullName, String email) {}

  /** An enrolment in a course's list, for its instructor and admins. */
  public record LearnerResponse(
      UUID id,
      Student student,
      String status,
      BigDecimal progressPercentage,
      int completedLessons,
      int totalLessons,
      long totalTimeSpentSeconds,
      Integer rating,
      Instant enrolledAt,
      Instant completedAt,
      Instant lastAccessedAt) {

    static LearnerResponse of(Learner learner) {
      Enrollment e = learner.enrollment();
      UserView u = learner.student();
      return new LearnerResponse(
          e.id(),
          new Student(e.studentId(), u == null ? null : u.fullName(), u == null ? null : u.email()),
          e.status().value(),
          e.progressPercentage(),
          e.completedLessons(),
          e.totalLessons(),
          e.totalTimeSpentSeconds(),
          e.rating(),
          e.createdAt(),
          e.completedAt(),
          e.lastAccessedAt());
    }
  }
}
