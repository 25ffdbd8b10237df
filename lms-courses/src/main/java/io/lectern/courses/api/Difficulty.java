package io.lectern.courses.api;

import java.util.Locale;

public enum Difficulty {
  BEGINNER,
  INTERMEDIATE,
  ADVANCED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code beginner|intermediate|advanced}; null for anything else. */
  public static Difficulty fromValue(String value) {
    for (Difficulty difficulty : values()) {
      if (difficulty.value().equals(value)) {
        return difficulty;
      }
    }
    return null;
  }
}
