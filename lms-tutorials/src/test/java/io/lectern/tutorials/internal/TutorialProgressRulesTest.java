package io.lectern.tutorials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.tutorials.internal.TutorialProgressRules.Totals;
import org.junit.jupiter.api.Test;

class ProgressRulesTest {

  @Test
  void percentageIsRoundedShareOfTheLargerChapterCount() {
    assertThat(TutorialProgressRules.percentage(3, 8, 3)).isEqualTo(38); // 37.5 rounds up
    assertThat(TutorialProgressRules.percentage(1, 3, 1)).isEqualTo(33);
    assertThat(TutorialProgressRules.percentage(2, 3, 2)).isEqualTo(67);
    // More chapters known than the client declared: the known count is the denominator.
    assertThat(TutorialProgressRules.percentage(4, 2, 8)).isEqualTo(50);
    assertThat(TutorialProgressRules.percentage(5, 0, 5)).isEqualTo(100);
  }

  @Test
  void percentageIsZeroWhenNothingIsKnownAndNeverAbove100() {
    assertThat(TutorialProgressRules.percentage(0, 0, 0)).isZero();
    assertThat(TutorialProgressRules.percentage(0, 10, 3)).isZero();
    assertThat(TutorialProgressRules.percentage(12, 10, 10)).isEqualTo(100);
  }

  @Test
  void eligibleFrom95PercentWithEveryQuizPassed() {
    assertThat(TutorialProgressRules.eligible(95, 0, 0)).isTrue();
    assertThat(TutorialProgressRules.eligible(100, 2, 2)).isTrue();
    assertThat(TutorialProgressRules.eligible(94, 0, 0)).isFalse();
    assertThat(TutorialProgressRules.eligible(100, 2, 1)).isFalse();
  }

  @Test
  void nineteenOfTwentyChaptersIsJustEnough() {
    Totals totals = TutorialProgressRules.derive(20, null, 19, 19, 1900, 0, 0, false);
    assertThat(totals.completionPercentage()).isEqualTo(95);
    assertThat(totals.certificateEligible()).isTrue();

    Totals short1 = TutorialProgressRules.derive(20, null, 18, 18, 1800, 0, 0, false);
    assertThat(short1.completionPercentage()).isEqualTo(90);
    assertThat(short1.certificateEligible()).isFalse();
  }

  @Test
  void totalChaptersOnlyGrowsAndCoversTheKnownChapters() {
    assertThat(TutorialProgressRules.totalChapters(8, 5, 3)).isEqualTo(8);
    assertThat(TutorialProgressRules.totalChapters(8, 10, 3)).isEqualTo(10);
    assertThat(TutorialProgressRules.totalChapters(0, null, 4)).isEqualTo(4);
    assertThat(TutorialProgressRules.totalChapters(8, null, 9)).isEqualTo(9);
  }

  @Test
  void deriveSumsAndCounts() {
    Totals totals = TutorialProgressRules.derive(8, 8, 3, 2, 754, 1, 1, false);
    assertThat(totals).isEqualTo(new Totals(8, 2, 754, 25, false)); // 2 of 8
  }

  @Test
  void anEarnedCertificateKeeps100PercentAndEligibility() {
    Totals totals = TutorialProgressRules.derive(20, 40, 20, 20, 100, 3, 2, true);
    assertThat(totals.totalChapters()).isEqualTo(40);
    assertThat(totals.completionPercentage()).isEqualTo(100);
    assertThat(totals.certificateEligible()).isTrue();
  }

  @Test
  void ineligibilityNamesEveryReason() {
    assertThat(TutorialProgressRules.ineligibility(40, 2, 1))
        .contains("40 %")
        .contains("95 %")
        .contains("1 quiz is not passed");
    assertThat(TutorialProgressRules.ineligibility(100, 3, 1)).contains("2 quizzes are not passed");
    assertThat(TutorialProgressRules.ineligibility(50, 0, 0)).doesNotContain("quiz");
  }

  @Test
  void quizPassesByDefaultFrom70Percent() {
    assertThat(TutorialProgressRules.passedByDefault(7, 10)).isTrue();
    assertThat(TutorialProgressRules.passedByDefault(6.99, 10)).isFalse();
    assertThat(TutorialProgressRules.passedByDefault(0.7, 1)).isTrue();
  }

  @Test
  void anomaliesAreTheSeedsDataChecks() {
    assertThat(TutorialProgressRules.anomalies(50, 2, 4, 100)).isEmpty();
    assertThat(TutorialProgressRules.anomalies(101, 2, 4, 100))
        .containsExactly("completion-percentage-out-of-range");
    assertThat(TutorialProgressRules.anomalies(-1, 5, 4, -3))
        .containsExactly(
            "completion-percentage-out-of-range",
            "more-chapters-completed-than-exist",
            "negative-watch-time");
  }
}
