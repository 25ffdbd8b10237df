package io.lectern.enrollment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressRulesTest {

  @Test
  void percentageHasTwoDecimalsRoundedHalfUp() {
    assertThat(LessonProgressRules.percentage(1, 3)).isEqualByComparingTo(new BigDecimal("33.33"));
    assertThat(LessonProgressRules.percentage(2, 3)).isEqualByComparingTo(new BigDecimal("66.67"));
    assertThat(LessonProgressRules.percentage(3, 3)).isEqualTo(new BigDecimal("100.00"));
    assertThat(LessonProgressRules.percentage(0, 0)).isEqualTo(new BigDecimal("0.00"));
    assertThat(LessonProgressRules.percentage(5, 4)).isEqualTo(new BigDecimal("100.00"));
  }

  @Test
  void aCourseIsCompleteWhenEveryLessonIs() {
    assertThat(LessonProgressRules.isCourseComplete(3, 3)).isTrue();
    assertThat(LessonProgressRules.isCourseComplete(2, 3)).isFalse();
    assertThat(LessonProgressRules.isCourseComplete(0, 0)).isFalse();
  }

  @Test
  void aHeartbeatCountsAtMost300Seconds() {
    assertThat(LessonProgressRules.acceptedSeconds(1000, 0, 10_000)).isEqualTo(300);
    assertThat(LessonProgressRules.acceptedSeconds(120, 0, 10_000)).isEqualTo(120);
  }

  @Test
  void aLessonNeverHoldsMoreThanTheElapsedTimePlusAMinute() {
    assertThat(LessonProgressRules.acceptedSeconds(300, 0, 0)).isEqualTo(60);
    assertThat(LessonProgressRules.acceptedSeconds(300, 100, 100)).isEqualTo(60);
    assertThat(LessonProgressRules.acceptedSeconds(30, 160, 100)).isZero();
    assertThat(LessonProgressRules.acceptedSeconds(30, 500, 100)).isZero();
  }

  @Test
  void resumeIsTheFirstLessonInOrderThatIsNotCompleted() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    Map<UUID, ProgressRow> rows = Map.of(a, completed(a), c, ProgressRow.notStarted(c));
    assertThat(LessonProgressRules.resumeLesson(List.of(a, b, c), rows)).isEqualTo(b);
    assertThat(LessonProgressRules.completedInOutline(List.of(a, b, c), rows)).isEqualTo(1);
    assertThat(LessonProgressRules.resumeLesson(List.of(a), rows)).isNull();
  }

  @Test
  void enrolmentCompletesOnceAndStaysCompleted() {
    Enrollment enrollment =
        new Enrollment(UUID.randomUUID(), UUID.randomUUID(), 2, java.time.Instant.EPOCH);
    assertThat(enrollment.applyProgress(1, 2, 10, java.time.Instant.EPOCH)).isFalse();
    assertThat(enrollment.progressPercentage()).isEqualByComparingTo("50");
    assertThat(enrollment.applyProgress(2, 2, 20, java.time.Instant.EPOCH)).isTrue();
    assertThat(enrollment.applyProgress(2, 2, 30, java.time.Instant.EPOCH)).isFalse();
    // A lesson added later: the completed enrolment stays completed at 100 %.
    assertThat(enrollment.applyProgress(2, 3, 30, java.time.Instant.EPOCH)).isFalse();
    assertThat(enrollment.progressPercentage()).isEqualByComparingTo("100");
    assertThat(enrollment.status().value()).isEqualTo("completed");
    enrollment.drop(java.time.Instant.EPOCH);
    enrollment.reactivate(java.time.Instant.EPOCH);
    assertThat(enrollment.status().value()).isEqualTo("completed");
  }

  private static ProgressRow completed(UUID lesson) {
    return new ProgressRow(
        lesson,
        LessonStatus.COMPLETED,
        10,
        1,
        90,
        0,
        new BigDecimal("100.00"),
        java.time.Instant.EPOCH,
        java.time.Instant.EPOCH,
        java.time.Instant.EPOCH);
  }
}
