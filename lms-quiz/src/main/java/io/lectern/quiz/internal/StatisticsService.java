package io.lectern.quiz.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A quiz's figures over its graded attempts, aggregated in SQL, for the course's staff. */
@ApplicationScoped
public class StatisticsService {

  @Inject QuizRepository quizzes;
  @Inject AttemptRepository attempts;
  @Inject QuizAccess access;

  public record Bucket(int from, int to, long count) {}

  public record QuestionFigures(
      UUID questionId,
      int orderIndex,
      String text,
      String type,
      long attempts,
      long correct,
      BigDecimal correctRate) {}

  public record Statistics(
      UUID quizId,
      long attemptCount,
      long inProgressCount,
      BigDecimal averagePercentage,
      long passedCount,
      BigDecimal passRate,
      BigDecimal averageTimeSeconds,
      List<Bucket> histogram,
      List<QuestionFigures> questions) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Statistics of(UUID quizId) {
    Quiz quiz = quizzes.find(quizId).orElseThrow(QuizErrors::notFound);
    access.requireStaff(quiz.courseId());
    AttemptRepository.Totals totals = attempts.totals(quizId);
    long[] deciles = attempts.histogram(quizId);
    List<Bucket> histogram = new ArrayList<>();
    for (int i = 0; i < deciles.length; i++) {
      histogram.add(new Bucket(i * 10, i == 9 ? 100 : i * 10 + 9, deciles[i]));
    }
    Map<UUID, long[]> perQuestion = attempts.questionTotals(quizId);
    List<QuestionFigures> questions = new ArrayList<>();
    for (Question q : quizzes.questions(quizId)) {
      long[] figures = perQuestion.getOrDefault(q.id(), new long[] {0, 0});
      questions.add(
          new QuestionFigures(
              q.id(),
              q.orderIndex(),
              q.def().text(),
              q.type().value(),
              figures[0],
              figures[1],
              rate(figures[1], figures[0])));
    }
    return new Statistics(
        quizId,
        totals.graded(),
        attempts.openCount(quizId),
        totals.averagePercentage(),
        totals.passed(),
        rate(totals.passed(), totals.graded()),
        totals.averageTimeSeconds(),
        histogram,
        questions);
  }

  /** part / whole as a percentage with 2 decimals; null when there is nothing to divide. */
  static BigDecimal rate(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part * 100L)
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }
}
