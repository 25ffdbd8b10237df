package io.lectern.enrollment.web;

import io.lectern.enrollment.api.EnrollmentStatus;
import io.lectern.shared.error.LmsException;

final class StatusParam {

  private StatusParam() {}

  /** The {@code status} filter: absent means any; anything unknown is a 400. */
  static EnrollmentStatus parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    EnrollmentStatus status = EnrollmentStatus.fromValue(value.strip());
    if (status == null) {
      throw LmsException.invalidField(
          "enrollment.invalid-query",
          "status",
          "must be one of active, completed, dropped, expired");
    }
    return status;
  }
}
