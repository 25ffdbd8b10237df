package io.lectern.enrollment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.enrollment.api.event.CourseCompleted;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real {@link ProgressService} in a CDI container (embedded Weld): completing the last lesson
 * of a course fires {@link CourseCompleted} exactly once, with the enrolment's ids and completion
 * time, and records the completion once; completing it again, or completing other lessons
 * afterwards, fires nothing more. The repositories are replaced by in-memory ones (no database in
 * this container); their SQL is covered by the integration tests.
 */
@ExtendWith(ArquillianExtension.class)
class CompletionEventCdiTest {

  @Deployment
  public static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class, "completion-events.jar")
        .addClasses(
            ProgressService.class,
            EnrollmentAccess.class,
            ProgressTestBeans.class,
            ProgressTestBeans.InMemoryEnrollments.class,
            ProgressTestBeans.InMemoryProgress.class,
            ProgressTestBeans.NoSessions.class,
            ProgressTestBeans.CompletionLog.class)
        .addAsManifestResource(
            new StringAsset(
                """
                <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
                       bean-discovery-mode="all">
                  <alternatives>
                    <class>io.lectern.enrollment.internal.ProgressTestBeans$InMemoryEnrollments</class>
                    <class>io.lectern.enrollment.internal.ProgressTestBeans$InMemoryProgress</class>
                    <class>io.lectern.enrollment.internal.ProgressTestBeans$NoSessions</class>
                  </alternatives>
                </beans>
                """),
            "beans.xml");
  }

  @Inject ProgressService service;
  @Inject ProgressTestBeans beans;
  @Inject ProgressTestBeans.InMemoryEnrollments enrollments;
  @Inject ProgressTestBeans.InMemoryProgress progress;
  @Inject ProgressTestBeans.CompletionLog completions;

  /**
   * A fresh enrolment of the signed-in student, with the event log and lesson rows cleared (called
   * by each test: the container's beans outlive the test instance).
   */
  private Enrollment enrol() {
    completions.clear();
    progress.clear();
    Enrollment enrollment =
        new Enrollment(ProgressTestBeans.STUDENT, ProgressTestBeans.COURSE, 2, beans.now());
    enrollments.put(enrollment);
    return enrollment;
  }

  @Test
  void completingTheLastLessonFiresCourseCompletedOnce() {
    Enrollment enrollment = enrol();
    service.complete(enrollment.id(), ProgressTestBeans.FIRST_LESSON, null);
    assertThat(completions.events()).isEmpty();

    service.complete(enrollment.id(), ProgressTestBeans.SECOND_LESSON, null);

    assertThat(completions.events())
        .containsExactly(
            new CourseCompleted(
                enrollment.id(),
                ProgressTestBeans.STUDENT,
                ProgressTestBeans.COURSE,
                enrollment.completedAt()));
    assertThat(enrollment.completedAt()).isNotNull();
    assertThat(progress.recordedCompletions()).containsExactly(enrollment.id());
  }

  @Test
  void aCompletedCourseNeverCompletesAgain() {
    Enrollment enrollment = enrol();
    service.complete(enrollment.id(), ProgressTestBeans.FIRST_LESSON, null);
    service.complete(enrollment.id(), ProgressTestBeans.SECOND_LESSON, null);

    service.complete(enrollment.id(), ProgressTestBeans.SECOND_LESSON, 90);
    service.start(enrollment.id(), ProgressTestBeans.FIRST_LESSON);
    service.heartbeat(enrollment.id(), ProgressTestBeans.FIRST_LESSON, 30, 120);

    assertThat(completions.events()).hasSize(1);
    assertThat(progress.recordedCompletions()).hasSize(1);
  }

  @Test
  void progressShortOfTheWholeCourseFiresNothing() {
    Enrollment enrollment = enrol();
    service.start(enrollment.id(), ProgressTestBeans.FIRST_LESSON);
    service.heartbeat(enrollment.id(), ProgressTestBeans.SECOND_LESSON, 30, 30);
    service.complete(enrollment.id(), ProgressTestBeans.SECOND_LESSON, null);

    assertThat(completions.events()).isEmpty();
    assertThat(progress.recordedCompletions()).isEmpty();
    assertThat(enrollment.completedAt()).isNull();
  }

  @Test
  void anotherStudentsCompletionIsRefusedAndFiresNothing() {
    enrol();
    Enrollment someoneElses =
        new Enrollment(UUID.randomUUID(), ProgressTestBeans.COURSE, 2, beans.now());
    enrollments.put(someoneElses);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> service.complete(someoneElses.id(), ProgressTestBeans.FIRST_LESSON, null))
        .isInstanceOf(io.lectern.shared.error.LmsException.class);

    assertThat(completions.events()).isEmpty();
    assertThat(progress.recordedCompletions()).isEmpty();
  }
}
