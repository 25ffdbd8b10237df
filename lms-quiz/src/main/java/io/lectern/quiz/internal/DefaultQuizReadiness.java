package io.lectern.quiz.internal;

import io.lectern.courses.api.QuizReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** A quiz lesson is ready when its quiz is published (which needs at least one question). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DefaultQuizReadiness implements QuizReadiness {

  @Inject QuizRepository quizzes;

  @Override
  public boolean hasPublishedQuiz(UUID lessonId) {
    return quizzes.hasPublishedQuiz(lessonId);
  }
}
