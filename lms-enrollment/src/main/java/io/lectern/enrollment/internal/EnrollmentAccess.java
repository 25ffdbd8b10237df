package io.lectern.enrollment.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Who may see and change an enrolment. Its student writes its progress; the student, the course's
 * instructor and admins read it; anyone else gets 403 (also other students: enrolment ids are not
 * guessable, and a 403 tells the caller nothing about whose it is).
 */
@ApplicationScoped
public class EnrollmentAccess {

  @Inject CurrentUser currentUser;
  @Inject CourseCatalog catalog;

  void requireOwner(Enrollment enrollment) {
    if (!enrollment.isOwnedBy(currentUser.id())) {
      throw EnrollmentErrors.notOwner();
    }
  }

  void requireOwnerOrAdmin(Enrollment enrollment) {
    if (!currentUser.isAdmin() && !enrollment.isOwnedBy(currentUser.id())) {
      throw EnrollmentErrors.notOwner();
    }
  }

  void requireReadable(Enrollment enrollment) {
    if (enrollment.isOwnedBy(currentUser.id()) || currentUser.isAdmin()) {
      return;
    }
    boolean instructor =
        catalog
            .findCourse(enrollment.courseId())
            .map(c -> currentUser.id().equals(c.instructorId()))
            .orElse(false);
    if (!instructor) {
      throw EnrollmentErrors.notReadable();
    }
  }

  /** The course, if the caller is its instructor or an admin (404 for no course, else 403). */
  CourseView requireCourseStaff(UUID courseId) {
    CourseView course = catalog.findCourse(courseId).orElseThrow(EnrollmentErrors::courseNotFound);
    if (!currentUser.isAdmin() && !currentUser.id().equals(course.instructorId())) {
      throw EnrollmentErrors.notCourseInstructor();
    }
    return course;
  }

  UUID me() {
    return currentUser.id();
  }
}
