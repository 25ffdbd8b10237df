package io.lectern.courses.api;

import java.util.Locale;

public enum LessonType {
  VIDEO,
  TEXT,
  QUIZ,
  ASSIGNMENT,
  /**
   * Launches an external LTI 1.3 tool; created only through the LTI module, which keeps the tool
   * link (the generic lesson API neither creates nor converts to this type).
   */
  LTI;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code video|text|quiz|assignment|lti}; null for anything else. */
  public static LessonType fromValue(String value) {
    for (LessonType type : values()) {
      if (type.value().equals(value)) {
        return type;
      }
    }
    return null;
  }
}
