package io.lectern.quiz.internal;

import java.util.Locale;

/** Which graded attempt counts: the best one or the latest one. */
public enum GradingPolicy {
  HIGHEST,
  LATEST;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static GradingPolicy fromValue(String value) {
    for (GradingPolicy policy : values()) {
      if (policy.value().equals(value)) {
        return policy;
      }
    }
    return null;
  }
}
