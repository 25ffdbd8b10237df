package io.lectern.quiz.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Authoring of quizzes and their questions for other modules (course and QTI import and export).
 * Calls run as the signed-in user under the same validation and access rules as the HTTP API (the
 * course's instructor and admins) and join the caller's transaction.
 */
public interface QuizAuthoring {

  String MULTIPLE_CHOICE = "multiple_choice";
  String TRUE_FALSE = "true_false";
  String SHORT_ANSWER = "short_answer";

  /** Creates or replaces the settings of the quiz lesson's quiz; returns the quiz id. */
  UUID putQuiz(UUID lessonId, QuizSettings settings);

  /** Appends a question to the quiz; returns its id. */
  UUID addQuestion(UUID quizId, QuestionContent question);

  /** The quiz of a lesson with its questions and answer keys, for the course's staff. */
  Optional<QuizContent> quizOfLesson(UUID lessonId);

  /** The quiz with its questions and answer keys, for the course's staff (404 otherwise). */
  QuizContent quiz(UUID quizId);

  record QuizSettings(
      String title,
      String description,
      Integer passingScore,
      Integer timeLimitSeconds,
      Integer maxAttempts,
      boolean published) {}

  /** A question: {@code type} is one of the constants above. */
  record QuestionContent(
      String type,
      String text,
      int points,
      List<Option> options,
      Boolean correctAnswer,
      List<String> acceptedAnswers,
      String explanation) {}

  record Option(String id, String text, boolean correct) {}

  record QuizContent(
      UUID id,
      UUID lessonId,
      UUID courseId,
      QuizSettings settings,
      List<QuestionContent> questions) {}
}
