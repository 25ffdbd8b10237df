package io.lectern.quiz.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Who may do what with a quiz: the course's instructor and admins author it and see every attempt
 * and the statistics; students with a live (active or completed) enrolment in the course take it
 * and see their own attempts.
 */
@ApplicationScoped
public class QuizAccess {

  @Inject CurrentUser currentUser;
  @Inject CourseCatalog catalog;
  @Inject Enrollments enrollments;

  boolean isStaff(UUID courseId) {
    if (currentUser.isAdmin()) {
      return true;
    }
    return catalog
        .findCourse(courseId)
        .map(c -> currentUser.id().equals(c.instructorId()))
        .orElse(false);
  }

  /** The course, if the caller is its instructor or an admin (404 for no course, else 403). */
  CourseView requireStaff(UUID courseId) {
    CourseView course = catalog.findCourse(courseId).orElseThrow(QuizErrors::notFound);
    if (!currentUser.isAdmin() && !currentUser.id().equals(course.instructorId())) {
      throw QuizErrors.notStaff();
    }
    return course;
  }

  /** The caller's live enrolment in the course, or 403. */
  EnrollmentView requireEnrolled(UUID courseId) {
    return enrollments
        .findFor(currentUser.id(), courseId)
        .filter(e -> e.status().isLive())
        .orElseThrow(QuizErrors::notEnrolled);
  }

  UUID me() {
    return currentUser.id();
  }
}
