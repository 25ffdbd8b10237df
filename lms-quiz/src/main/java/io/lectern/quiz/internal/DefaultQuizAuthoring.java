package io.lectern.quiz.internal;

import io.lectern.quiz.api.QuizAuthoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The quiz authoring service behind {@link QuizAuthoring}, with its rules. */
@ApplicationScoped
public class DefaultQuizAuthoring implements QuizAuthoring {

  @Inject QuizAuthoringService authoring;
  @Inject QuizRepository quizzes;
  @Inject QuizAccess access;

  @Override
  @Transactional
  public UUID putQuiz(UUID lessonId, QuizSettings s) {
    return authoring
        .put(
            lessonId,
            new QuizCommands.QuizDefinition(
                s.title(),
                s.description(),
                null,
                s.passingScore(),
                s.timeLimitSeconds(),
                s.maxAttempts(),
                null,
                null,
                null,
                null,
                s.published(),
                null))
        .quiz()
        .id();
  }

  @Override
  @Transactional
  public UUID addQuestion(UUID quizId, QuestionContent q) {
    List<QuizCommands.Option> options =
        q.options() == null
            ? null
            : q.options().stream()
                .map(o -> new QuizCommands.Option(o.id(), o.text(), o.correct()))
                .toList();
    return authoring
        .addQuestion(
            quizId,
            new QuizCommands.NewQuestion(
                q.type(),
                q.text(),
                q.points(),
                null,
                options,
                q.correctAnswer(),
                q.acceptedAnswers(),
                q.explanation()))
        .id();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<QuizContent> quizOfLesson(UUID lessonId) {
    return quizzes.findByLesson(lessonId).map(this::content);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public QuizContent quiz(UUID quizId) {
    return content(quizzes.find(quizId).orElseThrow(QuizErrors::notFound));
  }

  private QuizContent content(Quiz quiz) {
    access.requireStaff(quiz.courseId());
    List<QuestionContent> questions =
        quizzes.questions(quiz.id()).stream()
            .map(Question::def)
            .map(
                d ->
                    new QuestionContent(
                        d.type().value(),
                        d.text(),
                        d.points(),
                        d.options().stream()
                            .map(o -> new Option(o.id(), o.text(), o.correct()))
                            .toList(),
                        d.correctAnswer(),
                        d.acceptedAnswers(),
                        d.explanation()))
            .toList();
    return new QuizContent(
        quiz.id(),
        quiz.lessonId(),
        quiz.courseId(),
        new QuizSettings(
            quiz.title(),
            quiz.description(),
            quiz.passingScore(),
            quiz.timeLimitSeconds(),
            quiz.maxAttempts(),
            quiz.published()),
        questions);
  }
}
