package io.lectern.events.internal;

import io.lectern.certificates.api.event.CertificateIssued;
import io.lectern.certificates.api.event.CertificateRevoked;
import io.lectern.courses.api.event.CoursePublished;
import io.lectern.courses.api.event.CourseUnpublished;
import io.lectern.enrollment.api.event.CourseCompleted;
import io.lectern.enrollment.api.event.EnrollmentCreated;
import io.lectern.enrollment.api.event.EnrollmentDropped;
import io.lectern.enrollment.api.event.EnrollmentReactivated;
import io.lectern.enrollment.api.event.LessonCompleted;
import io.lectern.enrollment.api.event.LessonStarted;
import io.lectern.events.api.EventTypes;
import io.lectern.quiz.api.event.QuizAttemptGraded;
import io.lectern.quiz.api.event.QuizAttemptStarted;
import io.lectern.tutorials.api.event.TutorialChapterRecorded;
import io.lectern.tutorials.api.event.TutorialCompletionRecorded;
import io.lectern.tutorials.api.event.TutorialQuizRecorded;
import io.lectern.users.api.event.UserCreated;
import io.lectern.users.api.event.UserDeactivated;
import io.lectern.users.api.event.UserReactivated;
import io.lectern.users.api.event.UserRoleChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Writes every fact the modules fire into the outbox. The observers are synchronous and run in the
 * publisher's transaction ({@code MANDATORY}: an event fired outside one is a programming error),
 * so the row commits with the change or not at all, and a failure here rolls the change back.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventRecorder {

  @Inject Outbox outbox;
  @Inject Actors actors;
  @Inject Clock clock;

  void record(OutboxEvent event) {
    outbox.append(event, EventTypes.version(event.type()), actors.current(), clock.instant());
  }

  void on(@Observes EnrollmentCreated e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes EnrollmentDropped e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes EnrollmentReactivated e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes CourseCompleted e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes LessonStarted e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes LessonCompleted e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes QuizAttemptStarted e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes QuizAttemptGraded e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes CertificateIssued e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes CertificateRevoked e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes TutorialChapterRecorded e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes TutorialQuizRecorded e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes TutorialCompletionRecorded e) {
    record(EventCatalogue.of(e));
  }

  void on(@Observes UserCreated e) {
    record(EventCatalogue.of(e, clock.instant()));
  }

  void on(@Observes UserDeactivated e) {
    record(EventCatalogue.of(e, clock.instant()));
  }

  void on(@Observes UserReactivated e) {
    record(EventCatalogue.of(e, clock.instant()));
  }

  void on(@Observes UserRoleChanged e) {
    record(EventCatalogue.of(e, clock.instant()));
  }

  void on(@Observes CoursePublished e) {
    record(EventCatalogue.of(e, clock.instant()));
  }

  void on(@Observes CourseUnpublished e) {
    record(EventCatalogue.of(e, clock.instant()));
  }
}
