package io.lectern.enrollment.api;

import java.util.Locale;

/** Where an enrolment stands; {@code active} and {@code completed} are live enrolments. */
public enum EnrollmentStatus {
  ACTIVE,
  COMPLETED,
  DROPPED,
  EXPIRED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isLive() {
    return this == ACTIVE || this == COMPLETED;
  }

  /** Parses {@code active|completed|dropped|expired}; null for anything else. */
  public static EnrollmentStatus fromValue(String value) {
    for (EnrollmentStatus status : values()) {
      if (status.value().equals(value)) {
        return status;
      }
    }
    return null;
  }
}
