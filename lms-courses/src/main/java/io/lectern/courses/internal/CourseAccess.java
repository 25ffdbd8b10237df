package io.lectern.courses.internal;

import io.lectern.courses.api.CourseEnrollments;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Who may see and change a course and its lessons. */
@ApplicationScoped
public class CourseAccess {

  @Inject CurrentUser currentUser;
  @Inject Instance<CourseEnrollments> enrollments;

  /** Its instructor and admins may change a course; other instructors get 403. */
  void requireEditable(Course course) {
    if (!canEdit(course)) {
      throw LmsException.forbidden(
          "courses.not-owner", "Only the course's instructor or an admin may change it.");
    }
  }

  boolean canEdit(Course course) {
    return currentUser.isAuthenticated()
        && (currentUser.isAdmin() || course.isOwnedBy(currentUser.id()));
  }

  /** Drafts exist only for their instructor and admins; everyone else gets 404. */
  void requireVisible(Course course) {
    if (!course.published() && !canEdit(course)) {
      throw CourseErrors.courseNotFound();
    }
  }

  /**
   * Preview lessons of a published course are open to anyone; other lessons to the course's
   * instructor, admins, and students enrolled in the course.
   */
  void requireReadable(Course course, Lesson lesson) {
    requireVisible(course);
    if (canEdit(course) || lesson.preview()) {
      return;
    }
    if (!currentUser.isAuthenticated()) {
      throw LmsException.unauthorized(
          "courses.lesson-sign-in", "Sign in and enrol in the course to open this lesson.");
    }
    if (!isEnrolled(course)) {
      throw LmsException.forbidden(
          "courses.not-enrolled", "Enrol in the course to open this lesson.");
    }
  }

  private boolean isEnrolled(Course course) {
    for (CourseEnrollments check : enrollments) {
      if (check.isEnrolled(currentUser.id(), course.id())) {
        return true;
      }
    }
    return false;
  }

  boolean hasEnrollments(Course course) {
    for (CourseEnrollments check : enrollments) {
      if (check.hasEnrollments(course.id())) {
        return true;
      }
    }
    return false;
  }
}
