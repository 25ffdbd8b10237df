package io.lectern.quiz.internal;

import java.util.Locale;

public enum QuestionType {
  MULTIPLE_CHOICE,
  TRUE_FALSE,
  SHORT_ANSWER;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code multiple_choice|true_false|short_answer}; null for anything else. */
  public static QuestionType fromValue(String value) {
    for (QuestionType type : values()) {
      if (type.value().equals(value)) {
        return type;
      }
    }
    return null;
  }
}
