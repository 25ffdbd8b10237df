package io.lectern.courses.internal;

import io.lectern.shared.error.LmsException;

final class CourseErrors {

  private CourseErrors() {}

  static LmsException courseNotFound() {
    return LmsException.notFound("courses.not-found", "No course has this id or slug.");
  }

  static LmsException lessonNotFound() {
    return LmsException.notFound("courses.lesson-not-found", "No lesson has this id.");
  }
}
