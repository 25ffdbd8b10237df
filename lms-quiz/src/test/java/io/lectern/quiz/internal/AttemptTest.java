package io.lectern.quiz.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The attempt aggregate's rules: deadlines with extra time, grace, and how grading is recorded. */
class AttemptTest {

  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(5);

  private static Attempt attempt(Integer limitSeconds, int extraSeconds) {
    return new Attempt(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        1,
        List.of(new Attempt.Shown(UUID.randomUUID(), List.of("a", "b"))),
        limitSeconds,
        extraSeconds,
        START);
  }

  private static Grading.Result result(int score, int max, boolean passed) {
    return new Grading.Result(score, max, Grading.percentage(score, max), passed, List.of());
  }

  @Test
  void theDeadlineIsFixedAtStartWithTheStudentsExtraTime() {
    Attempt timed = attempt(300, 60);
    assertThat(timed.open()).isTrue();
    assertThat(timed.deadlineAt()).isEqualTo(START.plusSeconds(360));
    assertThat(attempt(null, 60).deadlineAt()).as("no limit, no deadline").isNull();
  }

  @Test
  void anAttemptExpiresOnlyAfterTheDeadlinePlusTheGrace() {
    Attempt timed = attempt(300, 0);
    assertThat(timed.expired(START.plusSeconds(300), GRACE)).isFalse();
    assertThat(timed.expired(START.plusSeconds(305), GRACE)).isFalse();
    assertThat(timed.expired(START.plusSeconds(306), GRACE)).isTrue();
    assertThat(attempt(null, 0).expired(START.plusSeconds(1_000_000), GRACE)).isFalse();
  }

  @Test
  void extraTimeMovesTheDeadlineOfAnOpenAttemptOnly() {
    Attempt open = attempt(300, 0);
    open.extraTime(120, START.plusSeconds(10));
    assertThat(open.deadlineAt()).isEqualTo(START.plusSeconds(420));

    Attempt graded = attempt(300, 0);
    graded.graded(result(1, 2, false), START.plusSeconds(100), false, START.plusSeconds(100));
    graded.extraTime(120, START.plusSeconds(200));
    assertThat(graded.deadlineAt()).isEqualTo(START.plusSeconds(300));
  }

  @Test
  void gradingRecordsScoreTimeTakenAndClosesTheAttempt() {
    Attempt a = attempt(300, 0);
    a.graded(result(3, 4, true), START.plusSeconds(90), false, START.plusSeconds(91));
    assertThat(a.open()).isFalse();
    assertThat(a.status()).isEqualTo(Attempt.GRADED);
    assertThat(a.score()).isEqualByComparingTo("3.00");
    assertThat(a.maxScore()).isEqualByComparingTo("4.00");
    assertThat(a.percentage()).isEqualByComparingTo(new BigDecimal("75.00"));
    assertThat(a.passed()).isTrue();
    assertThat(a.submittedAt()).isEqualTo(START.plusSeconds(90));
    assertThat(a.timeTakenSeconds()).isEqualTo(90);
    assertThat(a.autoSubmitted()).isFalse();
  }

  @Test
  void anAttemptClosedAfterItsDeadlineCountsAsSubmittedAtTheDeadline() {
    Attempt a = attempt(300, 30);
    Instant late = START.plusSeconds(5_000);
    a.graded(result(0, 4, false), late, true, late);
    assertThat(a.submittedAt()).isEqualTo(START.plusSeconds(330));
    assertThat(a.timeTakenSeconds()).isEqualTo(330);
    assertThat(a.autoSubmitted()).isTrue();
    assertThat(a.gradedAt()).isEqualTo(late);
  }
}
