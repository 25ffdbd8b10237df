package io.lectern.enrollment.api;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Enrolments for other modules (quizzes check enrolment, certificates react to completion). */
public interface Enrollments {

  Optional<EnrollmentView> find(UUID enrollmentId);

  /** The student's enrolment in the course, whatever its status. */
  Optional<EnrollmentView> findFor(UUID studentId, UUID courseId);

  /** True when the student has a live (active or completed) enrolment in the course. */
  boolean isActiveEnrollment(UUID studentId, UUID courseId);

  /**
   * The course's live (active or completed) enrolments, oldest first: its roster, as the LTI
   * membership service pages it.
   */
  Page<EnrollmentView> liveInCourse(UUID courseId, PageRequest paging);

  /**
   * Records that a certificate was issued for a completed enrolment (idempotent: the first time
   * stays). Unknown or not completed enrolments are left alone and answer false.
   */
  boolean recordCertificateIssued(UUID enrollmentId, Instant issuedAt);

  /**
   * Completed enrolments that have no certificate yet, oldest completion first: the reconciliation
   * path for a missed {@link io.lectern.enrollment.api.event.CourseCompleted} event.
   */
  List<EnrollmentView> completedWithoutCertificate(int limit);

  /**
   * Records a graded quiz on its lesson's progress (the quiz module calls it after grading, in its
   * transaction): the lesson is started if need be, its attempts become {@code attempts} (never
   * fewer than recorded), its best score becomes {@code score} (0-100, the attempt the quiz's
   * grading policy keeps) and, when {@code passed}, the lesson is completed with the usual rules
   * (completion is never undone; the last lesson completes the course). A dropped or unknown
   * enrolment, or a lesson not in its course, is left alone and answers false.
   */
  boolean recordQuizResult(
      UUID enrollmentId, UUID lessonId, int score, int attempts, boolean passed, Instant at);
}
