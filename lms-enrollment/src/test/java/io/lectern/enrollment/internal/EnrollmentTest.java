package io.lectern.enrollment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.enrollment.api.EnrollmentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The enrolment aggregate's rules: progress, completion exactly once, drop and reactivation. */
class EnrollmentTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private final UUID student = UUID.randomUUID();
  private final UUID course = UUID.randomUUID();

  private Enrollment enrolment(int lessons) {
    return new Enrollment(student, course, lessons, T0);
  }

  @Test
  void aNewEnrolmentIsActiveWithNoProgress() {
    Enrollment e = enrolment(4);
    assertThat(e.status()).isEqualTo(EnrollmentStatus.ACTIVE);
    assertThat(e.progressPercentage()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(e.completedAt()).isNull();
    assertThat(e.isOwnedBy(student)).isTrue();
    assertThat(e.isOwnedBy(UUID.randomUUID())).isFalse();
  }

  @Test
  void progressFollowsTheLessonCountsAndCompletesOnceWhenEveryLessonIsDone() {
    Enrollment e = enrolment(4);
    assertThat(e.applyProgress(1, 4, 30, T0.plusSeconds(60))).isFalse();
    assertThat(e.progressPercentage()).isEqualByComparingTo("25");
    assertThat(e.totalTimeSpentSeconds()).isEqualTo(30);

    Instant done = T0.plusSeconds(600);
    assertThat(e.applyProgress(4, 4, 300, done)).as("this call completes the course").isTrue();
    assertThat(e.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(e.completedAt()).isEqualTo(done);
    assertThat(e.progressPercentage()).isEqualByComparingTo("100");

    assertThat(e.applyProgress(4, 4, 320, done.plusSeconds(60)))
        .as("a completed enrolment is not completed again")
        .isFalse();
    assertThat(e.completedAt()).isEqualTo(done);
  }

  @Test
  void aCompletedEnrolmentStaysAtAHundredPercentWhenLessonsAreAdded() {
    Enrollment e = enrolment(2);
    e.applyProgress(2, 2, 100, T0.plusSeconds(10));
    assertThat(e.applyProgress(2, 3, 100, T0.plusSeconds(20))).isFalse();
    assertThat(e.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(e.progressPercentage()).isEqualByComparingTo("100");
    assertThat(e.totalLessons()).isEqualTo(3);
  }

  @Test
  void aDroppedEnrolmentDoesNotCompleteAndKeepsItsProgressWhenReactivated() {
    Enrollment e = enrolment(2);
    e.applyProgress(1, 2, 50, T0.plusSeconds(10));
    e.drop(T0.plusSeconds(20));
    assertThat(e.status()).isEqualTo(EnrollmentStatus.DROPPED);
    assertThat(e.droppedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(e.applyProgress(2, 2, 80, T0.plusSeconds(30))).isFalse();
    assertThat(e.status()).isEqualTo(EnrollmentStatus.DROPPED);

    e.reactivate(T0.plusSeconds(40));
    assertThat(e.status()).isEqualTo(EnrollmentStatus.ACTIVE);
    assertThat(e.droppedAt()).isNull();
    assertThat(e.completedLessons()).isEqualTo(2);
  }

  @Test
  void reactivatingACompletedCourseLeavesItCompleted() {
    Enrollment e = enrolment(1);
    e.applyProgress(1, 1, 10, T0.plusSeconds(10));
    e.drop(T0.plusSeconds(20));
    e.reactivate(T0.plusSeconds(30));
    assertThat(e.status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void onlyACompletedEnrolmentGetsACertificateAndTheFirstIssueTimeStays() {
    Enrollment e = enrolment(1);
    assertThat(e.certificateIssued(T0)).isFalse();
    assertThat(e.certificateIssuedAt()).isNull();

    e.applyProgress(1, 1, 10, T0.plusSeconds(10));
    assertThat(e.certificateIssued(T0.plusSeconds(20))).isTrue();
    assertThat(e.certificateIssued(T0.plusSeconds(99))).isTrue();
    assertThat(e.certificateIssuedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(e.view().certificateIssuedAt()).isEqualTo(T0.plusSeconds(20));
  }
}
