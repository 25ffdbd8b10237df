package io.lectern.enrollment.api;

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
   * Records that a certificate was issued for a completed enrolment (idempotent: the first time
   * stays). Unknown or not completed enrolments are left alone and answer false.
   */
  boolean recordCertificateIssued(UUID enrollmentId, Instant issuedAt);

  /**
   * Completed enrolments that have no certificate yet, oldest completion first: the reconciliation
   * path for a missed {@link io.lectern.enrollment.api.event.CourseCompleted} event.
   */
  List<EnrollmentView> completedWithoutCertificate(int limit);
}
