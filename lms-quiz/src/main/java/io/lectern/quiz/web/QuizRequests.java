package io.lectern.quiz.web;

import io.lectern.quiz.internal.Quiz;
import io.lectern.quiz.internal.QuizCommands;
import io.lectern.shared.text.TextPatterns;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the quiz API with their validation rules. */
public final class QuizRequests {

  private QuizRequests() {}

  static final String NOT_BLANK = TextPatterns.NOT_BLANK;
  static final String QUIZ_TYPE = "practice|graded";
  static final String SHOW = "never|after_submit|after_last_attempt";
  static final String POLICY = "highest|latest";
  static final String QUESTION_TYPE = "multiple_choice|true_false|short_answer";
  static final String OPTION_ID = "[A-Za-z0-9_-]+";

  /** A day: longer quizzes are not timed quizzes. */
  public static final int MAX_TIME_LIMIT_SECONDS = 86_400;

  public static final int MAX_ATTEMPTS = 1000;
  public static final int MAX_POINTS = 1000;
  public static final int MAX_OPTIONS = 20;
  public static final int MAX_ACCEPTED_ANSWERS = 50;
  public static final int MAX_QUESTIONS = Quiz.MAX_QUESTIONS;

  /**
   * The whole quiz (PUT): an absent field takes its default (practice, passing score 70, no time
   * limit, unlimited attempts, no shuffling, answers shown after submit, highest attempt counts,
   * not published).
   */
  public record QuizBody(
      @NotBlank @Size(max = 500) String title,
      @Size(max = 20_000) String description,
      @Pattern(regexp = QUIZ_TYPE, message = "must be one of practice, graded") String type,
      @Min(0) @Max(100) Integer passingScore,
      @Positive @Max(MAX_TIME_LIMIT_SECONDS) Integer timeLimitSeconds,
      @Positive @Max(MAX_ATTEMPTS) Integer maxAttempts,
      Boolean shuffleQuestions,
      Boolean shuffleOptions,
      @Pattern(regexp = SHOW, message = "must be one of never, after_submit, after_last_attempt")
          String showCorrectAnswers,
      @Pattern(regexp = POLICY, message = "must be one of highest, latest") String gradingPolicy,
      Boolean published,
      JsonObject metadata) {

    QuizCommands.QuizDefinition toCommand() {
      return new QuizCommands.QuizDefinition(
          title,
          description,
          type,
          passingScore,
          timeLimitSeconds,
          maxAttempts,
          shuffleQuestions,
          shuffleOptions,
          showCorrectAnswers,
          gradingPolicy,
          published,
          metadata);
    }
  }

  /** A multiple-choice option; without an id the server gives it one. */
  public record OptionBody(
      @Size(min = 1, max = 40)
          @Pattern(regexp = OPTION_ID, message = "must be letters, digits, _ or -")
          String id,
      @NotNull
          @Size(min = 1, max = 2000)
          @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String text,
      Boolean correct) {

    QuizCommands.Option toCommand() {
      return new QuizCommands.Option(id, text, correct);
    }
  }

  public record NewQuestion(
      @NotNull
          @Pattern(
              regexp = QUESTION_TYPE,
              message = "must be one of multiple_choice, true_false, short_answer")
          String type,
      @NotNull
          @Size(min = 1, max = 10_000)
          @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String text,
      @Positive @Max(MAX_POINTS) Integer points,
      @PositiveOrZero Integer position,
      @Size(max = MAX_OPTIONS) List<@NotNull @Valid OptionBody> options,
      Boolean correctAnswer,
      @Size(max = MAX_ACCEPTED_ANSWERS) List<@NotNull @Size(max = 500) String> acceptedAnswers,
      @Size(max = 10_000) String explanation) {

    QuizCommands.NewQuestion toCommand() {
      return new QuizCommands.NewQuestion(
          type,
          text,
          points,
          position,
          optionCommands(options),
          correctAnswer,
          acceptedAnswers,
          explanation);
    }
  }

  /** Absent fields stay; {@code explanation: ""} clears the explanation. */
  public record QuestionChanges(
      @Pattern(
              regexp = QUESTION_TYPE,
              message = "must be one of multiple_choice, true_false, short_answer")
          String type,
      @Size(min = 1, max = 10_000) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String text,
      @Positive @Max(MAX_POINTS) Integer points,
      @Size(max = MAX_OPTIONS) List<@NotNull @Valid OptionBody> options,
      Boolean correctAnswer,
      @Size(max = MAX_ACCEPTED_ANSWERS) List<@NotNull @Size(max = 500) String> acceptedAnswers,
      @Size(max = 10_000) String explanation) {

    QuizCommands.QuestionChanges toCommand() {
      return new QuizCommands.QuestionChanges(
          type, text, points, optionCommands(options), correctAnswer, acceptedAnswers, explanation);
    }
  }

  public record QuestionOrder(
      @NotNull @Size(max = MAX_QUESTIONS) List<@NotNull UUID> questionIds) {}

  /** A student's accommodations on one quiz; absent values are 0. */
  public record OverrideBody(
      @PositiveOrZero @Max(MAX_TIME_LIMIT_SECONDS) Integer extraTimeSeconds,
      @PositiveOrZero @Max(MAX_ATTEMPTS) Integer extraAttempts) {

    QuizCommands.Accommodation toCommand() {
      return new QuizCommands.Accommodation(extraTimeSeconds, extraAttempts);
    }
  }

  /**
   * One answer: {@code optionIds} for multiple choice, {@code value} for true/false, {@code text}
   * for a short answer. Nothing (or an empty list) clears the answer.
   */
  public record AnswerBody(
      @NotNull UUID questionId,
      @Size(max = MAX_OPTIONS) List<@NotNull @Size(max = 40) String> optionIds,
      Boolean value,
      @Size(max = 2000) String text) {

    QuizCommands.Answer toCommand() {
      return new QuizCommands.Answer(questionId, optionIds, value, text);
    }
  }

  public record Answers(
      @NotNull @Size(max = MAX_QUESTIONS) List<@NotNull @Valid AnswerBody> answers) {

    List<QuizCommands.Answer> toCommands() {
      return answerCommands(answers);
    }
  }

  /** Optional answers sent with the submit; saved first, then the attempt is graded. */
  public record Submission(@Size(max = MAX_QUESTIONS) List<@NotNull @Valid AnswerBody> answers) {

    List<QuizCommands.Answer> toCommands() {
      return answerCommands(answers);
    }
  }

  private static List<QuizCommands.Option> optionCommands(List<OptionBody> options) {
    return options == null ? null : options.stream().map(OptionBody::toCommand).toList();
  }

  private static List<QuizCommands.Answer> answerCommands(List<AnswerBody> answers) {
    return answers == null ? null : answers.stream().map(AnswerBody::toCommand).toList();
  }
}
