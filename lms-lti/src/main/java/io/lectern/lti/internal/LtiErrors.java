package io.lectern.lti.internal;

import io.lectern.shared.error.LmsException;

/** The module's problem codes. */
final class LtiErrors {

  private LtiErrors() {}

  static LmsException toolNotFound() {
    return LmsException.notFound("lti.tool-not-found", "No LTI tool with this id is registered.");
  }

  static LmsException lessonNotFound() {
    return LmsException.notFound("lti.lesson-not-found", "No LTI lesson with this id exists.");
  }

  static LmsException courseNotFound() {
    return LmsException.notFound("lti.course-not-found", "No course with this id exists.");
  }

  static LmsException lineItemNotFound() {
    return LmsException.notFound("lti.line-item-not-found", "No line item with this id exists.");
  }

  /** A refused step of a launch; the detail says which check failed. */
  static LmsException launchRefused(String code, String detail) {
    return LmsException.validation("lti." + code, detail, java.util.List.of());
  }
}
