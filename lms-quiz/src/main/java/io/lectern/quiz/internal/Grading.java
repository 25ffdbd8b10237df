package io.lectern.quiz.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The grading rules, pure and on the server only:
 *
 * <ul>
 *   <li>multiple choice: correct when the chosen options are exactly the correct ones (one or
 *       several); all or nothing, no partial credit;
 *   <li>true/false: correct when the value equals the answer;
 *   <li>short answer: correct when the text, trimmed and compared case-insensitively (inner runs of
 *       white space count as one space), equals one of the accepted answers;
 *   <li>an unanswered question scores 0; the score is the sum of the points of correct questions,
 *       the percentage is score / max score (2 decimals, half up) and an attempt passes when the
 *       percentage is at least the passing score.
 * </ul>
 */
public final class Grading {

  private Grading() {}

  /** What grading needs to know about one question. */
  public record Key(
      UUID questionId,
      QuestionType type,
      int points,
      Set<String> correctOptionIds,
      Boolean correctValue,
      List<String> acceptedAnswers) {}

  /** A student's answer: option ids (multiple choice), a value (true/false) or a text. */
  public record Answer(List<String> optionIds, Boolean value, String text) {}

  public record QuestionResult(UUID questionId, boolean answered, boolean correct, int awarded) {}

  public record Result(
      int score, int maxScore, BigDecimal percentage, boolean passed, List<QuestionResult> items) {}

  public static Result grade(List<Key> questions, Map<UUID, Answer> answers, int passingScore) {
    int score = 0;
    int max = 0;
    List<QuestionResult> items = new ArrayList<>();
    for (Key key : questions) {
      Answer answer = answers.get(key.questionId());
      boolean answered = isAnswered(key.type(), answer);
      boolean correct = answered && isCorrect(key, answer);
      int awarded = correct ? key.points() : 0;
      score += awarded;
      max += key.points();
      items.add(new QuestionResult(key.questionId(), answered, correct, awarded));
    }
    BigDecimal percentage = percentage(score, max);
    boolean passed = percentage.compareTo(BigDecimal.valueOf(passingScore)) >= 0;
    return new Result(score, max, percentage, passed, List.copyOf(items));
  }

  public static BigDecimal percentage(int score, int max) {
    if (max <= 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return BigDecimal.valueOf(score * 100L)
        .divide(BigDecimal.valueOf(max), 2, RoundingMode.HALF_UP);
  }

  static boolean isAnswered(QuestionType type, Answer answer) {
    if (answer == null) {
      return false;
    }
    return switch (type) {
      case MULTIPLE_CHOICE -> answer.optionIds() != null && !answer.optionIds().isEmpty();
      case TRUE_FALSE -> answer.value() != null;
      case SHORT_ANSWER -> answer.text() != null && !answer.text().isBlank();
    };
  }

  static boolean isCorrect(Key key, Answer answer) {
    return switch (key.type()) {
      case MULTIPLE_CHOICE ->
          !key.correctOptionIds().isEmpty()
              && new HashSet<>(answer.optionIds()).equals(key.correctOptionIds());
      case TRUE_FALSE -> answer.value().equals(key.correctValue());
      case SHORT_ANSWER -> matchesShortAnswer(answer.text(), key.acceptedAnswers());
    };
  }

  /** Trimmed, case-insensitive, inner white space collapsed. */
  public static boolean matchesShortAnswer(String text, List<String> accepted) {
    if (text == null || accepted == null) {
      return false;
    }
    String given = normalise(text);
    if (given.isEmpty()) {
      return false;
    }
    return accepted.stream().anyMatch(a -> normalise(a).equals(given));
  }

  static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** A graded attempt as the grading policy sees it. */
  public record Graded(UUID attemptId, int number, BigDecimal percentage, boolean passed) {}

  /**
   * The attempt that counts under the policy: {@code highest} the best percentage (the earliest of
   * equals), {@code latest} the highest attempt number. Empty when nothing is graded.
   */
  public static Optional<Graded> kept(List<Graded> attempts, GradingPolicy policy) {
    if (policy == GradingPolicy.LATEST) {
      return attempts.stream().max(Comparator.comparingInt(Graded::number));
    }
    return attempts.stream()
        .max(
            Comparator.comparing(Graded::percentage)
                .thenComparing(Comparator.comparingInt(Graded::number).reversed()));
  }
}
