package io.lectern.quiz.internal;

import io.lectern.shared.error.LmsException;
import java.util.UUID;

final class QuizErrors {

  private QuizErrors() {}

  static LmsException lessonNotFound() {
    return LmsException.notFound("quiz.lesson-not-found", "No lesson has this id.");
  }

  static LmsException notFound() {
    return LmsException.notFound("quiz.not-found", "No quiz has this id.");
  }

  static LmsException noQuizForLesson() {
    return LmsException.notFound("quiz.not-found", "This lesson has no quiz.");
  }

  static LmsException questionNotFound() {
    return LmsException.notFound("quiz.question-not-found", "No question has this id.");
  }

  static LmsException attemptNotFound() {
    return LmsException.notFound("quiz.attempt-not-found", "No attempt has this id.");
  }

  static LmsException userNotFound() {
    return LmsException.notFound("quiz.user-not-found", "No user has this id.");
  }

  static LmsException notStaff() {
    return LmsException.forbidden(
        "quiz.not-course-instructor",
        "Only the course's instructor and admins may author this quiz and see its attempts.");
  }

  static LmsException notEnrolled() {
    return LmsException.forbidden(
        "quiz.not-enrolled", "Only students actively enrolled in the course may take this quiz.");
  }

  static LmsException enrollmentNotLive() {
    return LmsException.conflict(
        "quiz.enrollment-not-active",
        "The enrolment of this attempt is no longer active; enrol again to continue.");
  }

  static LmsException attemptForbidden() {
    return LmsException.forbidden(
        "quiz.attempt-forbidden",
        "Only the attempt's student, the course's instructor and admins may see this attempt.");
  }

  static LmsException notOwner() {
    return LmsException.forbidden(
        "quiz.not-owner", "Only the student who started this attempt may answer it.");
  }

  static LmsException notQuizLesson() {
    return LmsException.businessRule(
        "quiz.lesson-not-quiz", "Only a lesson of type quiz can have a quiz.");
  }

  static LmsException noQuestions() {
    return LmsException.businessRule(
        "quiz.no-questions", "A quiz needs at least one question before it is published.");
  }

  static LmsException lastQuestion() {
    return LmsException.conflict(
        "quiz.last-question",
        "A published quiz needs at least one question; unpublish it before deleting the last.");
  }

  static LmsException gradingLocked(String what) {
    return LmsException.conflict(
        "quiz.has-attempts",
        "Students have already attempted this quiz, so "
            + what
            + " would change how their attempts are graded. Wording, order, time limit, attempts"
            + " and visibility may still change; create a new quiz lesson for a different test.");
  }

  static LmsException attemptOpen(UUID attemptId) {
    return LmsException.conflict(
        "quiz.attempt-open",
        "Attempt " + attemptId + " is still open: submit it before starting another.");
  }

  static LmsException attemptsUsedUp(int allowed) {
    return LmsException.conflict(
        "quiz.attempts-exhausted", "All " + allowed + " attempt(s) at this quiz have been used.");
  }

  static LmsException deadlinePassed() {
    return LmsException.conflict(
        "quiz.deadline-passed",
        "The time limit of this attempt has passed; it was graded with the answers saved before"
            + " its deadline.");
  }

  static LmsException attemptClosed() {
    return LmsException.conflict(
        "quiz.attempt-closed", "This attempt has already been submitted and graded.");
  }
}
