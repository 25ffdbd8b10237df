package io.lectern.enrollment.internal;

import io.lectern.courses.api.CourseEnrollments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Answers the courses module's questions: who may open lessons, whether a course may go. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DefaultCourseEnrollments implements CourseEnrollments {

  @Inject EnrollmentRepository enrollments;

  @Override
  public boolean isEnrolled(UUID userId, UUID courseId) {
    return enrollments.isLive(userId, courseId);
  }

  @Override
  public boolean hasEnrollments(UUID courseId) {
    return enrollments.anyFor(courseId);
  }
}
