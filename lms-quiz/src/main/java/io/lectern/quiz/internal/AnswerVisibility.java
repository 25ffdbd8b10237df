package io.lectern.quiz.internal;

import java.util.Locale;

/** When a student may see correct answers, per-question results and explanations. */
public enum AnswerVisibility {
  NEVER,
  AFTER_SUBMIT,
  AFTER_LAST_ATTEMPT;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AnswerVisibility fromValue(String value) {
    for (AnswerVisibility v : values()) {
      if (v.value().equals(value)) {
        return v;
      }
    }
    return null;
  }

  /**
   * Whether a student sees the results of a graded attempt: never; after submitting it; or once no
   * attempt is left (with unlimited attempts, never).
   */
  public boolean reveals(boolean graded, boolean attemptsLeft) {
    return switch (this) {
      case NEVER -> false;
      case AFTER_SUBMIT -> graded;
      case AFTER_LAST_ATTEMPT -> graded && !attemptsLeft;
    };
  }
}
