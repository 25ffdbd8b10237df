package io.lectern.tutorials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.shared.error.LmsException;
import io.lectern.tutorials.api.BrowserProgress;
import io.lectern.tutorials.internal.InputRules.FieldProblem;
import io.lectern.tutorials.internal.InputRules.ImportedProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputRulesTest {

  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

  @Test
  void fractionalSecondsRoundToWholeSecondsHalvesUp() {
    List<FieldProblem> problems = new ArrayList<>();
    ChapterState chapter = InputRules.chapter("", "c1", 12.5, null, null, problems);

    assertThat(problems).isEmpty();
    assertThat(chapter).isEqualTo(new ChapterState("c1", 13, false, 13));
    assertThat(InputRules.chapter("", "c1", 12.4, true, 3.6, problems))
        .isEqualTo(new ChapterState("c1", 12, true, 4));
  }

  @Test
  void chapterNeedsAnIdAndANonNegativeWatchTime() {
    List<FieldProblem> problems = new ArrayList<>();

    assertThat(InputRules.chapter("", " ", -1.0, null, -2.0, problems)).isNull();

    assertThat(problems)
        .extracting(FieldProblem::field)
        .containsExactly("chapterId", "watchTime", "lastPosition");
    problems.clear();
    InputRules.chapter("", "x".repeat(256), null, null, null, problems);
    assertThat(problems).extracting(FieldProblem::field).containsExactly("chapterId", "watchTime");
    problems.clear();
    InputRules.chapter("", "c", 1_000_001.0, null, null, problems);
    assertThat(problems).extracting(FieldProblem::field).containsExactly("watchTime");
  }

  @Test
  void quizScoreMustLieBetweenZeroAndTheMaximum() {
    List<FieldProblem> problems = new ArrayList<>();
    InputRules.quiz("", "q", 11.0, 10.0, null, null, null, problems);
    assertThat(problems)
        .containsExactly(new FieldProblem("score", "must not be greater than maxScore"));

    problems.clear();
    InputRules.quiz("", "q", 0.0, 0.0, null, null, null, problems);
    assertThat(problems).extracting(FieldProblem::field).containsExactly("maxScore");

    problems.clear();
    InputRules.quiz("", "q", -1.0, 10.0, null, null, null, problems);
    assertThat(problems).extracting(FieldProblem::field).containsExactly("score");
  }

  @Test
  void quizPassedDefaultsFromTheNumbersAsSent() {
    List<FieldProblem> problems = new ArrayList<>();
    QuizState seven = InputRules.quiz("", "q", 7.0, 10.0, null, null, null, problems);
    QuizState six = InputRules.quiz("", "q", 6.9, 10.0, null, null, null, problems);
    QuizState told = InputRules.quiz("", "q", 1.0, 10.0, true, null, null, problems);

    assertThat(seven.passed()).isTrue();
    assertThat(six.passed()).isFalse();
    assertThat(six.score()).isEqualTo(7); // stored rounded, judged unrounded
    assertThat(told.passed()).isTrue();
    assertThat(seven.attempts()).isEqualTo(1);
  }

  @Test
  void tinyMaximumIsStoredAsOnePoint() {
    QuizState quiz = InputRules.quiz("", "q", 0.3, 0.4, null, null, null, new ArrayList<>());
    assertThat(quiz.maxScore()).isEqualTo(1);
    assertThat(quiz.score()).isZero();
    assertThat(quiz.passed()).isTrue();
  }

  @Test
  void requireNoneTurnsProblemsIntoA400() {
    assertThatThrownBy(
            () ->
                InputRules.requireNone(List.of(new FieldProblem("watchTime", "must not be null"))))
        .isInstanceOfSatisfying(
            LmsException.class,
            e -> {
              assertThat(e.kind().status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("request.invalid");
              assertThat(e.detail()).isEqualTo("Invalid request: watchTime must not be null.");
              assertThat(e.violations()).hasSize(1);
            });
  }

  @Test
  void importedRecordMergesDuplicatesAndIgnoresFutureTimes() {
    BrowserProgress record =
        new BrowserProgress(
            0,
            "intro",
            8,
            List.of(
                new BrowserProgress.Chapter("c1", 100.0, false, 90.0),
                new BrowserProgress.Chapter("c1", 300.0, true, 300.0),
                new BrowserProgress.Chapter("c2", 10.0, null, null)),
            List.of(
                new BrowserProgress.Quiz("q1", 6.0, 10.0, null, 2, NOW.minusSeconds(60)),
                new BrowserProgress.Quiz("q1", 9.0, 10.0, null, 1, NOW.plusSeconds(60))),
            NOW.plusSeconds(3600));
    List<FieldProblem> problems = new ArrayList<>();

    ImportedProgress imported = InputRules.imported(record, NOW, problems);

    assertThat(problems).isEmpty();
    assertThat(imported.chapters())
        .containsExactly(
            new ChapterState("c1", 300, true, 300), new ChapterState("c2", 10, false, 10));
    assertThat(imported.quizzes())
        .containsExactly(new QuizState("q1", 9, 10, true, 2, NOW.minusSeconds(60)));
    assertThat(imported.lastWatchedAt()).isNull();
  }

  @Test
  void importedRecordReportsEveryProblemWithItsPath() {
    BrowserProgress record =
        new BrowserProgress(
            3,
            "",
            -1,
            List.of(new BrowserProgress.Chapter("c1", -5.0, false, null)),
            List.of(new BrowserProgress.Quiz("q1", 5.0, 4.0, null, 0, null)),
            null);
    List<FieldProblem> problems = new ArrayList<>();

    assertThat(InputRules.imported(record, NOW, problems)).isNull();

    assertThat(problems)
        .extracting(FieldProblem::field)
        .containsExactly(
            "tutorialId",
            "totalChapters",
            "chapterProgress[0].watchTime",
            "quizScores[0].score",
            "quizScores[0].attempts");
    assertThat(InputRules.describe(problems))
        .startsWith("Invalid record: tutorialId must not be blank; totalChapters must be between");
  }
}
