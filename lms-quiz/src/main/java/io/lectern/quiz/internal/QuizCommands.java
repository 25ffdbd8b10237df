package io.lectern.quiz.internal;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** What the quiz services are asked to do, already validated by the caller. */
public final class QuizCommands {

  private QuizCommands() {}

  /**
   * The whole quiz: an absent (null) field takes its default (practice, passing score 70, no time
   * limit, unlimited attempts, no shuffling, answers shown after submit, highest attempt counts,
   * not published).
   */
  public record QuizDefinition(
      String title,
      String description,
      String type,
      Integer passingScore,
      Integer timeLimitSeconds,
      Integer maxAttempts,
      Boolean shuffleQuestions,
      Boolean shuffleOptions,
      String showCorrectAnswers,
      String gradingPolicy,
      Boolean published,
      JsonObject metadata) {}

  /** A multiple-choice option; without an id it is given one. */
  public record Option(String id, String text, Boolean correct) {}

  public record NewQuestion(
      String type,
      String text,
      Integer points,
      Integer position,
      List<Option> options,
      Boolean correctAnswer,
      List<String> acceptedAnswers,
      String explanation) {}

  /** Absent (null) fields stay; an empty explanation clears it. */
  public record QuestionChanges(
      String type,
      String text,
      Integer points,
      List<Option> options,
      Boolean correctAnswer,
      List<String> acceptedAnswers,
      String explanation) {}

  /** A student's accommodations on one quiz; absent values are 0. */
  public record Accommodation(Integer extraTimeSeconds, Integer extraAttempts) {}

  /**
   * One answer: {@code optionIds} for multiple choice, {@code value} for true/false, {@code text}
   * for a short answer. Nothing (or an empty list) clears the answer.
   */
  public record Answer(UUID questionId, List<String> optionIds, Boolean value, String text) {}
}
