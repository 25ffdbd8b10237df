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
import io.lectern.shared.security.Role;
import io.lectern.tutorials.api.event.TutorialChapterRecorded;
import io.lectern.tutorials.api.event.TutorialCompletionRecorded;
import io.lectern.tutorials.api.event.TutorialQuizRecorded;
import io.lectern.users.api.event.UserCreated;
import io.lectern.users.api.event.UserDeactivated;
import io.lectern.users.api.event.UserReactivated;
import io.lectern.users.api.event.UserRoleChanged;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns each module's event record into its published form. The payloads are written out field by
 * field (not serialised from the records) so that a record gaining a field never changes what
 * subscribers receive without a catalogue change; the README documents each one.
 */
final class EventCatalogue {

  private EventCatalogue() {}

  static OutboxEvent of(EnrollmentCreated e) {
    return enrollment(
        EventTypes.ENROLLMENT_CREATED, e.enrollmentId(), e.studentId(), e.courseId(), e.at());
  }

  static OutboxEvent of(EnrollmentDropped e) {
    return enrollment(
        EventTypes.ENROLLMENT_DROPPED, e.enrollmentId(), e.studentId(), e.courseId(), e.at());
  }

  static OutboxEvent of(EnrollmentReactivated e) {
    return enrollment(
        EventTypes.ENROLLMENT_REACTIVATED, e.enrollmentId(), e.studentId(), e.courseId(), e.at());
  }

  static OutboxEvent of(CourseCompleted e) {
    return enrollment(
        EventTypes.ENROLLMENT_COMPLETED,
        e.enrollmentId(),
        e.studentId(),
        e.courseId(),
        e.completedAt());
  }

  static OutboxEvent of(LessonStarted e) {
    JsonObjectBuilder p = enrollmentPayload(e.enrollmentId(), e.studentId(), e.courseId());
    p.add("lessonId", e.lessonId().toString());
    return new OutboxEvent(
        EventTypes.LESSON_STARTED, "enrollment:" + e.enrollmentId(), e.at(), p.build());
  }

  static OutboxEvent of(LessonCompleted e) {
    JsonObjectBuilder p = enrollmentPayload(e.enrollmentId(), e.studentId(), e.courseId());
    p.add("lessonId", e.lessonId().toString());
    addNullable(p, "score", e.score());
    return new OutboxEvent(
        EventTypes.LESSON_COMPLETED, "enrollment:" + e.enrollmentId(), e.at(), p.build());
  }

  /** Attempts share their enrolment's subject, so a subscriber sees them in order with it. */
  static OutboxEvent of(QuizAttemptStarted e) {
    JsonObjectBuilder p = enrollmentPayload(e.enrollmentId(), e.studentId(), e.courseId());
    p.add("attemptId", e.attemptId().toString())
        .add("quizId", e.quizId().toString())
        .add("lessonId", e.lessonId().toString())
        .add("number", e.number());
    addNullable(p, "deadlineAt", e.deadlineAt());
    return new OutboxEvent(
        EventTypes.QUIZ_ATTEMPT_STARTED, "enrollment:" + e.enrollmentId(), e.at(), p.build());
  }

  static OutboxEvent of(QuizAttemptGraded e) {
    JsonObjectBuilder p = enrollmentPayload(e.enrollmentId(), e.studentId(), e.courseId());
    p.add("attemptId", e.attemptId().toString())
        .add("quizId", e.quizId().toString())
        .add("lessonId", e.lessonId().toString())
        .add("number", e.number());
    BigDecimal percentage = e.percentage();
    if (percentage == null) {
      p.addNull("percentage");
    } else {
      p.add("percentage", percentage);
    }
    p.add("passed", e.passed()).add("autoSubmitted", e.autoSubmitted());
    return new OutboxEvent(
        EventTypes.QUIZ_ATTEMPT_GRADED, "enrollment:" + e.enrollmentId(), e.at(), p.build());
  }

  static OutboxEvent of(CertificateIssued e) {
    JsonObjectBuilder p =
        Json.createObjectBuilder()
            .add("certificateId", e.certificateId().toString())
            .add("number", e.number())
            .add("enrollmentId", e.enrollmentId().toString())
            .add("studentId", e.studentId().toString())
            .add("courseId", e.courseId().toString());
    return new OutboxEvent(
        EventTypes.CERTIFICATE_ISSUED, "certificate:" + e.certificateId(), e.at(), p.build());
  }

  static OutboxEvent of(CertificateRevoked e) {
    JsonObjectBuilder p =
        Json.createObjectBuilder()
            .add("certificateId", e.certificateId().toString())
            .add("number", e.number())
            .add("studentId", e.studentId().toString())
            .add("courseId", e.courseId().toString());
    addNullable(p, "reason", e.reason());
    return new OutboxEvent(
        EventTypes.CERTIFICATE_REVOKED, "certificate:" + e.certificateId(), e.at(), p.build());
  }

  static OutboxEvent of(TutorialChapterRecorded e) {
    JsonObjectBuilder p =
        tutorialPayload(e.userId(), e.tutorialId())
            .add("chapterId", e.chapterId())
            .add("completed", e.completed())
            .add("completionPercentage", e.completionPercentage());
    return new OutboxEvent(
        EventTypes.TUTORIAL_CHAPTER_RECORDED,
        tutorialSubject(e.userId(), e.tutorialId()),
        e.at(),
        p.build());
  }

  static OutboxEvent of(TutorialQuizRecorded e) {
    JsonObjectBuilder p =
        tutorialPayload(e.userId(), e.tutorialId())
            .add("quizId", e.quizId())
            .add("score", e.score())
            .add("maxScore", e.maxScore())
            .add("passed", e.passed());
    return new OutboxEvent(
        EventTypes.TUTORIAL_QUIZ_RECORDED,
        tutorialSubject(e.userId(), e.tutorialId()),
        e.at(),
        p.build());
  }

  static OutboxEvent of(TutorialCompletionRecorded e) {
    JsonObjectBuilder p =
        tutorialPayload(e.userId(), e.tutorialId()).add("certificateNumber", e.certificateNumber());
    return new OutboxEvent(
        EventTypes.TUTORIAL_COMPLETION_RECORDED,
        tutorialSubject(e.userId(), e.tutorialId()),
        e.at(),
        p.build());
  }

  static OutboxEvent of(UserCreated e, Instant now) {
    return user(EventTypes.USER_CREATED, e.userId(), now, p -> p.add("role", role(e.role())));
  }

  static OutboxEvent of(UserDeactivated e, Instant now) {
    return user(EventTypes.USER_DEACTIVATED, e.userId(), now, p -> {});
  }

  static OutboxEvent of(UserReactivated e, Instant now) {
    return user(EventTypes.USER_REACTIVATED, e.userId(), now, p -> {});
  }

  static OutboxEvent of(UserRoleChanged e, Instant now) {
    return user(
        EventTypes.USER_ROLE_CHANGED,
        e.userId(),
        now,
        p -> p.add("from", role(e.from())).add("to", role(e.to())));
  }

  static OutboxEvent of(CoursePublished e, Instant now) {
    JsonObjectBuilder p =
        Json.createObjectBuilder()
            .add("courseId", e.courseId().toString())
            .add("instructorId", e.instructorId().toString());
    return new OutboxEvent(EventTypes.COURSE_PUBLISHED, "course:" + e.courseId(), now, p.build());
  }

  static OutboxEvent of(CourseUnpublished e, Instant now) {
    JsonObjectBuilder p = Json.createObjectBuilder().add("courseId", e.courseId().toString());
    return new OutboxEvent(EventTypes.COURSE_UNPUBLISHED, "course:" + e.courseId(), now, p.build());
  }

  private static OutboxEvent enrollment(
      String type, UUID enrollmentId, UUID studentId, UUID courseId, Instant at) {
    return new OutboxEvent(
        type,
        "enrollment:" + enrollmentId,
        at,
        enrollmentPayload(enrollmentId, studentId, courseId).build());
  }

  private static JsonObjectBuilder enrollmentPayload(
      UUID enrollmentId, UUID studentId, UUID courseId) {
    return Json.createObjectBuilder()
        .add("enrollmentId", enrollmentId.toString())
        .add("studentId", studentId.toString())
        .add("courseId", courseId.toString());
  }

  private static JsonObjectBuilder tutorialPayload(UUID userId, String tutorialId) {
    return Json.createObjectBuilder()
        .add("userId", userId.toString())
        .add("tutorialId", tutorialId);
  }

  /** Tutorial ids are free text; the subject keeps one user's tutorial in order. */
  private static String tutorialSubject(UUID userId, String tutorialId) {
    String subject = "tutorial:" + userId + ":" + tutorialId;
    return subject.length() <= 128 ? subject : subject.substring(0, 128);
  }

  private interface Fill {
    void into(JsonObjectBuilder payload);
  }

  private static OutboxEvent user(String type, UUID userId, Instant at, Fill fill) {
    JsonObjectBuilder p = Json.createObjectBuilder().add("userId", userId.toString());
    fill.into(p);
    return new OutboxEvent(type, "user:" + userId, at, p.build());
  }

  private static String role(Role role) {
    return role == null ? null : role.value();
  }

  private static void addNullable(JsonObjectBuilder p, String name, Object value) {
    if (value == null) {
      p.addNull(name);
    } else if (value instanceof Integer i) {
      p.add(name, i);
    } else {
      p.add(name, value.toString());
    }
  }
}
