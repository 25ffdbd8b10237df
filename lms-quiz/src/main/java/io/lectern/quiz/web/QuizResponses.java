package io.lectern.quiz.web;

import io.lectern.quiz.internal.Attempt;
import io.lectern.quiz.internal.AttemptService.AttemptView;
import io.lectern.quiz.internal.AttemptService.LessonQuiz;
import io.lectern.quiz.internal.Grading;
import io.lectern.quiz.internal.Question;
import io.lectern.quiz.internal.QuestionDef;
import io.lectern.quiz.internal.Quiz;
import io.lectern.quiz.internal.QuizAuthoringService;
import io.lectern.shared.json.JsonText;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the quiz endpoints. Students' shapes carry no answer key. */
public final class QuizResponses {

  private QuizResponses() {}

  /** A multiple-choice option with its correct flag: authoring views only. */
  public record OptionDetail(String id, String text, boolean correct) {}

  /** A question with its answer key: authoring views only. */
  public record QuestionDetail(
      UUID id,
      UUID quizId,
      int orderIndex,
      String type,
      String text,
      int points,
      List<OptionDetail> options,
      Boolean correctAnswer,
      List<String> acceptedAnswers,
      String explanation,
      Instant updatedAt) {

    static QuestionDetail of(Question q) {
      QuestionDef d = q.def();
      return new QuestionDetail(
          q.id(),
          q.quizId(),
          q.orderIndex(),
          d.type().value(),
          d.text(),
          d.points(),
          d.options().isEmpty()
              ? null
              : d.options().stream()
                  .map(o -> new OptionDetail(o.id(), o.text(), o.correct()))
                  .toList(),
          d.correctAnswer(),
          d.acceptedAnswers().isEmpty() ? null : d.acceptedAnswers(),
          d.explanation(),
          q.updatedAt());
    }
  }

  /** The quiz with every question and its answers, for the course's instructor and admins. */
  public record QuizDetail(
      UUID id,
      UUID lessonId,
      UUID courseId,
      String title,
      String description,
      String type,
      int passingScore,
      Integer timeLimitSeconds,
      Integer maxAttempts,
      boolean shuffleQuestions,
      boolean shuffleOptions,
      String showCorrectAnswers,
      String gradingPolicy,
      boolean published,
      JsonObject metadata,
      int questionCount,
      int totalPoints,
      List<QuestionDetail> questions,
      Instant createdAt,
      Instant updatedAt) {

    static QuizDetail of(Quiz q, List<Question> questions) {
      return new QuizDetail(
          q.id(),
          q.lessonId(),
          q.courseId(),
          q.title(),
          q.description(),
          q.type(),
          q.passingScore(),
          q.timeLimitSeconds(),
          q.maxAttempts(),
          q.shuffleQuestions(),
          q.shuffleOptions(),
          q.showCorrectAnswers().value(),
          q.gradingPolicy().value(),
          q.published(),
          JsonText.object(q.metadata()),
          questions.size(),
          questions.stream().mapToInt(x -> x.def().points()).sum(),
          questions.stream().map(QuestionDetail::of).toList(),
          q.createdAt(),
          q.updatedAt());
    }
  }

  /**
   * The quiz as an enrolled student sees it before an attempt: settings and their own standing, no
   * questions ({@code attemptsAllowed} null = unlimited).
   */
  public record QuizForStudent(
      UUID id,
      UUID lessonId,
      String title,
      String description,
      String type,
      int passingScore,
      Integer timeLimitSeconds,
      Integer maxAttempts,
      String showCorrectAnswers,
      String gradingPolicy,
      int questionCount,
      int totalPoints,
      int attemptsUsed,
      Integer attemptsAllowed,
      int extraTimeSeconds,
      UUID openAttemptId) {

    static QuizForStudent of(LessonQuiz view) {
      Quiz q = view.quiz();
      return new QuizForStudent(
          q.id(),
          q.lessonId(),
          q.title(),
          q.description(),
          q.type(),
          q.passingScore(),
          q.timeLimitSeconds(),
          q.maxAttempts(),
          q.showCorrectAnswers().value(),
          q.gradingPolicy().value(),
          view.questions().size(),
          view.questions().stream().mapToInt(x -> x.def().points()).sum(),
          view.standing().attemptsUsed(),
          view.standing().attemptsAllowed(),
          view.standing().extraTimeSeconds(),
          view.standing().openAttemptId());
    }
  }

  /** An option as shown in an attempt: no correct flag. */
  /** A student's extra time and extra attempts on a quiz. */
  public record OverrideDetail(
      UUID quizId, UUID userId, int extraTimeSeconds, int extraAttempts, Instant updatedAt) {

    static OverrideDetail of(QuizAuthoringService.Accommodated set) {
      return new OverrideDetail(
          set.quizId(), set.userId(), set.extraTimeSeconds(), set.extraAttempts(), set.updatedAt());
    }
  }

  public record ShownOption(String id, String text) {}

  /** A question as shown in an attempt: no correct flags, accepted answers or explanation. */
  public record ShownQuestion(
      UUID id, String type, String text, int points, List<ShownOption> options) {}

  /** A saved answer. */
  public record AnswerOut(UUID questionId, List<String> optionIds, Boolean value, String text) {}

  /** A graded question with the answer key, shown only as the quiz's policy allows. */
  public record QuestionResultOut(
      UUID questionId,
      boolean answered,
      boolean correct,
      int pointsAwarded,
      int points,
      List<String> correctOptionIds,
      Boolean correctAnswer,
      List<String> acceptedAnswers,
      String explanation) {}

  /**
   * An attempt with its questions in the attempt's own order. {@code results} (per question, with
   * correct answers and explanations) is present only when {@code resultsVisible}.
   */
  public record AttemptDetail(
      UUID id,
      UUID quizId,
      UUID lessonId,
      UUID enrollmentId,
      UUID studentId,
      int attemptNumber,
      String status,
      Instant startedAt,
      Integer timeLimitSeconds,
      Instant deadlineAt,
      Long remainingSeconds,
      Instant submittedAt,
      Instant gradedAt,
      boolean autoSubmitted,
      BigDecimal score,
      BigDecimal maxScore,
      BigDecimal percentage,
      Boolean passed,
      Integer timeTakenSeconds,
      List<ShownQuestion> questions,
      List<AnswerOut> answers,
      boolean resultsVisible,
      List<QuestionResultOut> results) {

    static AttemptDetail of(AttemptView view) {
      Attempt a = view.attempt();
      Map<UUID, Question> byId = view.questions();
      List<ShownQuestion> shown = new ArrayList<>();
      for (Attempt.Shown s : a.order()) {
        Question q = byId.get(s.questionId());
        if (q == null) {
          continue;
        }
        QuestionDef d = q.def();
        List<ShownOption> options = null;
        if (!d.options().isEmpty()) {
          options = new ArrayList<>();
          for (String id : s.optionIds()) {
            for (QuestionDef.Option o : d.options()) {
              if (o.id().equals(id)) {
                options.add(new ShownOption(o.id(), o.text()));
              }
            }
          }
        }
        shown.add(new ShownQuestion(q.id(), d.type().value(), d.text(), d.points(), options));
      }
      Map<UUID, Grading.Answer> saved = a.answers();
      List<AnswerOut> answers = new ArrayList<>();
      for (Attempt.Shown s : a.order()) {
        Grading.Answer answer = saved.get(s.questionId());
        if (answer != null) {
          answers.add(
              new AnswerOut(s.questionId(), answer.optionIds(), answer.value(), answer.text()));
        }
      }
      List<QuestionResultOut> results = null;
      if (view.resultsVisible() && !a.open()) {
        results = new ArrayList<>();
        for (Grading.QuestionResult r : a.results()) {
          Question q = byId.get(r.questionId());
          QuestionDef d = q == null ? null : q.def();
          results.add(
              new QuestionResultOut(
                  r.questionId(),
                  r.answered(),
                  r.correct(),
                  r.awarded(),
                  d == null ? 0 : d.points(),
                  d == null || d.options().isEmpty() ? null : List.copyOf(d.correctOptionIds()),
                  d == null ? null : d.correctAnswer(),
                  d == null || d.acceptedAnswers().isEmpty() ? null : d.acceptedAnswers(),
                  d == null ? null : d.explanation()));
        }
      }
      Long remaining = null;
      if (a.open() && a.deadlineAt() != null) {
        remaining = Math.max(0, Duration.between(view.now(), a.deadlineAt()).toSeconds());
      }
      return new AttemptDetail(
          a.id(),
          a.quizId(),
          view.quiz().lessonId(),
          a.enrollmentId(),
          a.studentId(),
          a.number(),
          a.status(),
          a.startedAt(),
          a.timeLimitSeconds(),
          a.deadlineAt(),
          remaining,
          a.submittedAt(),
          a.gradedAt(),
          a.autoSubmitted(),
          a.score(),
          a.maxScore(),
          a.percentage(),
          a.passed(),
          a.timeTakenSeconds(),
          shown,
          answers,
          view.resultsVisible() && !a.open(),
          results);
    }
  }

  /** An attempt in a list: figures only. */
  public record AttemptSummary(
      UUID id,
      UUID quizId,
      UUID enrollmentId,
      UUID studentId,
      int attemptNumber,
      String status,
      Instant startedAt,
      Instant deadlineAt,
      Instant submittedAt,
      boolean autoSubmitted,
      BigDecimal score,
      BigDecimal maxScore,
      BigDecimal percentage,
      Boolean passed,
      Integer timeTakenSeconds) {

    static AttemptSummary of(AttemptView view) {
      Attempt a = view.attempt();
      return new AttemptSummary(
          a.id(),
          a.quizId(),
          a.enrollmentId(),
          a.studentId(),
          a.number(),
          a.status(),
          a.startedAt(),
          a.deadlineAt(),
          a.submittedAt(),
          a.autoSubmitted(),
          a.score(),
          a.maxScore(),
          a.percentage(),
          a.passed(),
          a.timeTakenSeconds());
    }
  }

  /** How many overdue attempts one sweep graded. */
  public record SweepResponse(int graded) {}
}
