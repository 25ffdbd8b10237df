package io.lectern.enrollment.internal;

import java.util.Locale;

public enum LessonStatus {
  NOT_STARTED,
  IN_PROGRESS,
  COMPLETED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LessonStatus fromValue(String value) {
    for (LessonStatus status : values()) {
      if (status.value().equals(value)) {
        return status;
      }
    }
    return null;
  }
}
