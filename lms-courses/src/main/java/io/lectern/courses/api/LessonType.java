package io.lectern.courses.api;

import java.util.Locale;

public enum LessonType {
  VIDEO,
  TEXT,
  QUIZ,
  ASSIGNMENT;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code video|text|quiz|assignment}; null for anything else. */
  public static LessonType fromValue(String value) {
    for (LessonType type : values()) {
      if (type.value().equals(value)) {
        return type;
      }
    }
    return null;
  }
}
