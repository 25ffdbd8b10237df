package io.lectern.enrollment.internal;

import io.lectern.shared.error.LmsException;

final class EnrollmentErrors {

  private EnrollmentErrors() {}

  static LmsException notFound() {
    return LmsException.notFound("enrollment.not-found", "No enrolment has this id.");
  }

  static LmsException courseNotFound() {
    return LmsException.notFound("enrollment.course-not-found", "No published course has this id.");
  }

  static LmsException lessonNotFound() {
    return LmsException.notFound(
        "enrollment.lesson-not-found", "The enrolment's course has no lesson with this id.");
  }

  static LmsException alreadyEnrolled() {
    return LmsException.conflict(
        "enrollment.already-enrolled", "You are already enrolled in this course.");
  }

  static LmsException notActive() {
    return LmsException.conflict(
        "enrollment.not-active",
        "This enrolment has been dropped or has expired; enrol again to continue.");
  }

  static LmsException notOwner() {
    return LmsException.forbidden(
        "enrollment.not-owner", "Only the enrolled student may change this enrolment.");
  }

  static LmsException notReadable() {
    return LmsException.forbidden(
        "enrollment.forbidden",
        "Only the enrolled student, the course's instructor and admins may see this enrolment.");
  }

  static LmsException notCourseInstructor() {
    return LmsException.forbidden(
        "enrollment.not-course-instructor",
        "Only the course's instructor and admins may see its enrolments and analytics.");
  }

  static LmsException toolLesson() {
    return LmsException.conflict(
        "enrollment.tool-lesson",
        "This lesson launches an external tool: it is completed by the tool's grade, not by this"
            + " call.");
  }

  static LmsException quizLesson() {
    return LmsException.conflict(
        "enrollment.quiz-lesson",
        "This lesson has a published quiz: it is completed by passing the quiz, not by this call.");
  }
}
