package io.lectern.quiz.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GradingTest {

  private final UUID mc = UUID.randomUUID();
  private final UUID multi = UUID.randomUUID();
  private final UUID tf = UUID.randomUUID();
  private final UUID sa = UUID.randomUUID();

  private List<Grading.Key> keys() {
    return List.of(
        new Grading.Key(mc, QuestionType.MULTIPLE_CHOICE, 2, Set.of("b"), null, List.of()),
        new Grading.Key(multi, QuestionType.MULTIPLE_CHOICE, 3, Set.of("a", "c"), null, List.of()),
        new Grading.Key(tf, QuestionType.TRUE_FALSE, 1, Set.of(), false, List.of()),
        new Grading.Key(
            sa, QuestionType.SHORT_ANSWER, 4, Set.of(), null, List.of("Paris", "City of Light")));
  }

  private static Grading.Answer options(String... ids) {
    return new Grading.Answer(List.of(ids), null, null);
  }

  @Test
  void everythingRightScoresFullMarks() {
    Map<UUID, Grading.Answer> answers = new HashMap<>();
    answers.put(mc, options("b"));
    answers.put(multi, options("c", "a"));
    answers.put(tf, new Grading.Answer(null, false, null));
    answers.put(sa, new Grading.Answer(null, null, "  pARIS "));
    Grading.Result result = Grading.grade(keys(), answers, 70);
    assertThat(result.score()).isEqualTo(10);
    assertThat(result.maxScore()).isEqualTo(10);
    assertThat(result.percentage()).isEqualByComparingTo("100.00");
    assertThat(result.passed()).isTrue();
    assertThat(result.items()).allMatch(Grading.QuestionResult::correct);
  }

  @Test
  void severalCorrectOptionsMustAllBeChosenAndNothingElse() {
    Grading.Key key = keys().get(1);
    assertThat(Grading.isCorrect(key, options("a", "c"))).isTrue();
    assertThat(Grading.isCorrect(key, options("a"))).isFalse();
    assertThat(Grading.isCorrect(key, options("a", "b", "c"))).isFalse();
    assertThat(Grading.isCorrect(key, options("b"))).isFalse();
  }

  @Test
  void noPartialCreditAndUnansweredScoresZero() {
    Map<UUID, Grading.Answer> answers = new HashMap<>();
    answers.put(multi, options("a"));
    answers.put(tf, new Grading.Answer(null, true, null));
    answers.put(mc, new Grading.Answer(List.of(), null, null));
    Grading.Result result = Grading.grade(keys(), answers, 70);
    assertThat(result.score()).isZero();
    assertThat(result.percentage()).isEqualByComparingTo("0.00");
    assertThat(result.passed()).isFalse();
    Grading.QuestionResult first = result.items().get(0);
    assertThat(first.answered()).isFalse();
    assertThat(result.items().get(1).answered()).isTrue();
    assertThat(result.items().get(1).awarded()).isZero();
  }

  @Test
  void shortAnswersAreTrimmedCaseInsensitiveAndSpaceTolerant() {
    List<String> accepted = List.of("Paris", "City of Light");
    assertThat(Grading.matchesShortAnswer("paris", accepted)).isTrue();
    assertThat(Grading.matchesShortAnswer("\tPARIS\n", accepted)).isTrue();
    assertThat(Grading.matchesShortAnswer("city  of   light", accepted)).isTrue();
    assertThat(Grading.matchesShortAnswer("Pari", accepted)).isFalse();
    assertThat(Grading.matchesShortAnswer("   ", accepted)).isFalse();
    assertThat(Grading.matchesShortAnswer(null, accepted)).isFalse();
  }

  @Test
  void trueFalseComparesTheValue() {
    Grading.Key key = keys().get(2);
    assertThat(Grading.isCorrect(key, new Grading.Answer(null, false, null))).isTrue();
    assertThat(Grading.isCorrect(key, new Grading.Answer(null, true, null))).isFalse();
    assertThat(Grading.isAnswered(QuestionType.TRUE_FALSE, new Grading.Answer(null, null, null)))
        .isFalse();
  }

  @Test
  void passingIsAtLeastThePassingScoreWithTwoDecimals() {
    Map<UUID, Grading.Answer> answers = new HashMap<>();
    answers.put(sa, new Grading.Answer(null, null, "Paris"));
    answers.put(mc, options("b"));
    // 6 of 10 points = 60 %
    assertThat(Grading.grade(keys(), answers, 60).passed()).isTrue();
    assertThat(Grading.grade(keys(), answers, 61).passed()).isFalse();
    assertThat(Grading.grade(keys(), answers, 0).passed()).isTrue();
    assertThat(Grading.percentage(1, 3)).isEqualByComparingTo("33.33");
    assertThat(Grading.percentage(2, 3)).isEqualByComparingTo("66.67");
    assertThat(Grading.percentage(0, 0)).isEqualByComparingTo("0.00");
  }

  @Test
  void highestKeepsTheBestAndLatestTheLast() {
    UUID one = UUID.randomUUID();
    UUID two = UUID.randomUUID();
    UUID three = UUID.randomUUID();
    List<Grading.Graded> attempts =
        List.of(
            new Grading.Graded(one, 1, new BigDecimal("40.00"), false),
            new Grading.Graded(two, 2, new BigDecimal("90.00"), true),
            new Grading.Graded(three, 3, new BigDecimal("50.00"), false));
    assertThat(Grading.kept(attempts, GradingPolicy.HIGHEST).orElseThrow().attemptId())
        .isEqualTo(two);
    assertThat(Grading.kept(attempts, GradingPolicy.LATEST).orElseThrow().attemptId())
        .isEqualTo(three);
    assertThat(Grading.kept(List.of(), GradingPolicy.HIGHEST)).isEmpty();
    List<Grading.Graded> ties =
        List.of(
            new Grading.Graded(one, 1, new BigDecimal("80.00"), true),
            new Grading.Graded(two, 2, new BigDecimal("80.00"), true));
    assertThat(Grading.kept(ties, GradingPolicy.HIGHEST).orElseThrow().attemptId()).isEqualTo(one);
  }

  @Test
  void answersAreRevealedOnlyAsThePolicyAllows() {
    assertThat(AnswerVisibility.NEVER.reveals(true, false)).isFalse();
    assertThat(AnswerVisibility.AFTER_SUBMIT.reveals(false, true)).isFalse();
    assertThat(AnswerVisibility.AFTER_SUBMIT.reveals(true, true)).isTrue();
    assertThat(AnswerVisibility.AFTER_LAST_ATTEMPT.reveals(true, true)).isFalse();
    assertThat(AnswerVisibility.AFTER_LAST_ATTEMPT.reveals(true, false)).isTrue();
  }

  @Test
  void wordingChangesKeepGradingAnswerKeyChangesDoNot() {
    QuestionDef base =
        new QuestionDef(
            QuestionType.MULTIPLE_CHOICE,
            "Pick",
            2,
            List.of(
                new QuestionDef.Option("a", "A", true), new QuestionDef.Option("b", "B", false)),
            null,
            List.of(),
            null);
    QuestionDef reworded =
        new QuestionDef(
            QuestionType.MULTIPLE_CHOICE,
            "Pick one",
            2,
            List.of(
                new QuestionDef.Option("b", "Bee", false), new QuestionDef.Option("a", "Ay", true)),
            null,
            List.of(),
            "Because.");
    QuestionDef rekeyed =
        new QuestionDef(
            QuestionType.MULTIPLE_CHOICE,
            "Pick",
            2,
            List.of(new QuestionDef.Option("a", "A", true), new QuestionDef.Option("b", "B", true)),
            null,
            List.of(),
            null);
    assertThat(base.gradesLike(reworded)).isTrue();
    assertThat(base.gradesLike(rekeyed)).isFalse();
    QuestionDef repointed =
        new QuestionDef(
            QuestionType.MULTIPLE_CHOICE, "Pick", 3, base.options(), null, List.of(), null);
    assertThat(base.gradesLike(repointed)).isFalse();
  }
}
