package io.lectern.courses.api;

import java.util.UUID;

/**
 * Questions about enrolments that course rules need (who may open a lesson, whether a course may be
 * deleted). The enrolment module implements it; courses cannot depend on enrolments without a
 * cycle. While no implementation is deployed nobody is enrolled.
 */
public interface CourseEnrollments {

  /** True when the user has a live (active or completed) enrolment in the course. */
  boolean isEnrolled(UUID userId, UUID courseId);

  /** True when the course has any enrolment at all, which forbids deleting it. */
  boolean hasEnrollments(UUID courseId);
}
