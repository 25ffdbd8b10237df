package io.lectern.tutorials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The import merge rules: order-independent where it matters, and idempotent. */
class MergeRulesTest {

  private static final Instant T1 = Instant.parse("2026-01-19T12:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-20T12:00:00Z");

  @Test
  void chapterKeepsLargerWatchTimeItsPositionAndCompletion() {
    ChapterState stored = new ChapterState("c1", 300, true, 280);
    ChapterState imported = new ChapterState("c1", 120, false, 120);

    ChapterState merged = stored.mergeImported(imported);

    assertThat(merged).isEqualTo(new ChapterState("c1", 300, true, 280));
    assertThat(imported.mergeImported(stored)).isEqualTo(new ChapterState("c1", 300, true, 280));
  }

  @Test
  void chapterTakesTheImportedPositionWhenItWatchedMore() {
    ChapterState stored = new ChapterState("c1", 100, false, 90);
    ChapterState imported = new ChapterState("c1", 200, false, 195);

    assertThat(stored.mergeImported(imported)).isEqualTo(new ChapterState("c1", 200, false, 195));
  }

  @Test
  void chapterMergeIsIdempotent() {
    ChapterState stored = new ChapterState("c1", 100, false, 90);
    ChapterState imported = new ChapterState("c1", 200, true, 195);
    ChapterState once = stored.mergeImported(imported);

    assertThat(once.mergeImported(imported)).isEqualTo(once);
  }

  @Test
  void quizKeepsBestScoreWithItsMaximumAndNeverDoubleCountsAttempts() {
    QuizState stored = new QuizState("q1", 6, 10, false, 3, T1);
    QuizState imported = new QuizState("q1", 9, 10, true, 2, T2);

    QuizState merged = stored.mergeImported(imported);

    assertThat(merged).isEqualTo(new QuizState("q1", 9, 10, true, 3, T1));
    assertThat(merged.mergeImported(imported)).isEqualTo(merged);
  }

  @Test
  void quizScoresCompareAsShares() {
    QuizState fourOfFive = new QuizState("q1", 4, 5, true, 1, T1);
    assertThat(fourOfFive.betterThan(8, 10)).isFalse(); // a tie keeps what is stored
    assertThat(fourOfFive.betterThan(7, 10)).isTrue();
    assertThat(fourOfFive.betterThan(17, 20)).isFalse();

    QuizState stored = new QuizState("q1", 8, 10, true, 1, T1);
    assertThat(stored.mergeImported(fourOfFive).maxScore()).isEqualTo(10);
  }

  @Test
  void passedStaysPassed() {
    QuizState stored = new QuizState("q1", 9, 10, true, 1, T1);
    QuizState imported = new QuizState("q1", 2, 10, false, 1, T2);

    assertThat(stored.mergeImported(imported).passed()).isTrue();
  }
}
