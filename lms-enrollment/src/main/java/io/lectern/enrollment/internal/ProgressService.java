package io.lectern.enrollment.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.LessonType;
import io.lectern.courses.api.LessonView;
import io.lectern.courses.api.QuizReadiness;
import io.lectern.enrollment.api.event.CourseCompleted;
import io.lectern.enrollment.api.event.LessonCompleted;
import io.lectern.enrollment.api.event.LessonStarted;
import io.lectern.enrollment.internal.EnrollmentCommands.SyncEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Lesson progress: start, heartbeat, complete and offline sync. Every change locks the enrolment,
 * writes the lesson row with one atomic SQL statement and refreshes the enrolment's counts,
 * percentage and total time from its lesson rows in the same transaction.
 */
@ApplicationScoped
public class ProgressService {

  /** How far in the future a synced event's clock may be before the event is rejected. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  @Inject EnrollmentRepository enrollments;
  @Inject LessonProgressRepository progress;
  @Inject WatchSessionRepository sessions;
  @Inject EnrollmentAccess access;
  @Inject CourseCatalog catalog;
  @Inject Event<CourseCompleted> courseCompleted;
  @Inject Event<LessonStarted> lessonStarted;
  @Inject Event<LessonCompleted> lessonCompleted;
  @Inject Instance<QuizReadiness> quizReadiness;
  @Inject Clock clock;

  /** A lesson's progress after a change, with the enrolment it belongs to. */
  public record LessonUpdate(
      Enrollment enrollment, ProgressRow lesson, Integer acceptedSeconds, Integer refusedSeconds) {}

  @Transactional
  public LessonUpdate start(UUID enrollmentId, UUID lessonId) {
    Writable target = writable(enrollmentId);
    target.requireLesson(lessonId);
    Instant now = now();
    ProgressRow row = progress.start(enrollmentId, lessonId, now, now);
    announceStart(target.enrollment, row, now);
    refresh(target, now);
    return new LessonUpdate(target.enrollment, row, null, null);
  }

  /** Adds watched time (capped, see {@link LessonProgressRules}); starts the lesson if need be. */
  @Transactional
  public LessonUpdate heartbeat(UUID enrollmentId, UUID lessonId, int seconds, Integer position) {
    Writable target = writable(enrollmentId);
    target.requireLesson(lessonId);
    Instant now = now();
    // A started lesson (the usual case: players send a heartbeat every 30 s) takes one statement.
    Set<UUID> outline = target.lessons.keySet();
    var beat =
        progress
            .heartbeat(enrollmentId, lessonId, seconds, position, now, now, outline)
            .orElseGet(
                () -> {
                  announceStart(
                      target.enrollment, progress.start(enrollmentId, lessonId, now, now), now);
                  return progress
                      .heartbeat(enrollmentId, lessonId, seconds, position, now, now, outline)
                      .orElseThrow();
                });
    sessions.record(
        enrollmentId, lessonId, now, beat.acceptedSeconds(), beat.progress().firstStartedAt());
    refresh(target, beat.totals(), now);
    return new LessonUpdate(
        target.enrollment,
        beat.progress(),
        beat.acceptedSeconds(),
        seconds - beat.acceptedSeconds());
  }

  @Transactional
  public LessonUpdate complete(UUID enrollmentId, UUID lessonId, Integer score) {
    Writable target = writable(enrollmentId);
    target.requireLesson(lessonId);
    if (takesQuiz(target.lessons.get(lessonId))) {
      throw EnrollmentErrors.quizLesson();
    }
    if (launchesTool(target.lessons.get(lessonId))) {
      throw EnrollmentErrors.toolLesson();
    }
    Instant now = now();
    announceStart(target.enrollment, progress.start(enrollmentId, lessonId, now, now), now);
    ProgressRow row = progress.complete(enrollmentId, lessonId, score, now, now);
    announceCompletion(target.enrollment, row, score, now);
    refresh(target, now);
    return new LessonUpdate(target.enrollment, row, null, null);
  }

  /** What became of one synced event. */
  public record SyncOutcome(String eventId, String status, String detail, Integer acceptedSeconds) {

    static SyncOutcome applied(String eventId, Integer accepted) {
      return new SyncOutcome(eventId, "applied", null, accepted);
    }

    static SyncOutcome duplicate(String eventId) {
      return new SyncOutcome(eventId, "duplicate", "This event was applied before.", null);
    }

    static SyncOutcome rejected(String eventId, String detail) {
      return new SyncOutcome(eventId, "rejected", detail, null);
    }
  }

  public record SyncReport(Enrollment enrollment, List<SyncOutcome> results) {}

  /**
   * Applies a batch recorded offline, in the order the events happened, with the live rules (the
   * event's time stands for "now"). Each event id is applied at most once per enrolment; a replayed
   * batch answers {@code duplicate} for every event and changes nothing (not even the enrolment's
   * timestamps). Results come back in the order of the request.
   */
  @Transactional
  public SyncReport sync(UUID enrollmentId, List<SyncEvent> events) {
    Writable target = writable(enrollmentId);
    Instant now = now();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> events.get(i).occurredAt()));
    SyncOutcome[] results = new SyncOutcome[events.size()];
    boolean changed = false;
    for (int i : order) {
      results[i] = apply(target, events.get(i), now);
      changed |= results[i].status().equals("applied");
    }
    if (changed) {
      refresh(target, now);
    }
    return new SyncReport(target.enrollment, List.of(results));
  }

  private SyncOutcome apply(Writable target, SyncEvent event, Instant now) {
    UUID id = target.enrollment.id();
    String eventId = event.eventId();
    if (progress.isProcessed(id, eventId)) {
      return SyncOutcome.duplicate(eventId);
    }
    if (!target.lessons.containsKey(event.lessonId())) {
      return SyncOutcome.rejected(eventId, "The course has no lesson with this id.");
    }
    Instant at = event.occurredAt();
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      return SyncOutcome.rejected(eventId, "occurredAt is in the future.");
    }
    if (at.isBefore(target.enrollment.createdAt().minus(CLOCK_SKEW))) {
      return SyncOutcome.rejected(eventId, "occurredAt is before the enrolment began.");
    }
    if (event.type().equals("heartbeat") && event.seconds() == null) {
      return SyncOutcome.rejected(eventId, "A heartbeat needs seconds.");
    }
    if (event.type().equals("complete") && takesQuiz(target.lessons.get(event.lessonId()))) {
      return SyncOutcome.rejected(eventId, "A quiz lesson is completed by passing its quiz.");
    }
    if (event.type().equals("complete") && launchesTool(target.lessons.get(event.lessonId()))) {
      return SyncOutcome.rejected(eventId, "An LTI lesson is completed by its tool's grade.");
    }
    if (!progress.markProcessed(id, eventId, event.lessonId(), event.type(), at, now)) {
      return SyncOutcome.duplicate(eventId);
    }
    announceStart(target.enrollment, progress.start(id, event.lessonId(), at, now), at);
    return switch (event.type()) {
      case "heartbeat" -> {
        var beat =
            progress
                .heartbeat(
                    id,
                    event.lessonId(),
                    event.seconds(),
                    event.positionSeconds(),
                    at,
                    now,
                    target.lessons.keySet())
                .orElseThrow();
        sessions.record(
            id, event.lessonId(), at, beat.acceptedSeconds(), beat.progress().firstStartedAt());
        yield SyncOutcome.applied(eventId, beat.acceptedSeconds());
      }
      case "complete" -> {
        announceCompletion(
            target.enrollment,
            progress.complete(id, event.lessonId(), event.score(), at, now),
            event.score(),
            at);
        yield SyncOutcome.applied(eventId, null);
      }
      default -> SyncOutcome.applied(eventId, null);
    };
  }

  /**
   * Records a graded quiz on its lesson (see {@link
   * io.lectern.enrollment.api.Enrollments#recordQuizResult}): the same lock, start, completion and
   * refresh rules as the student's own calls, without a caller check (the quiz module has checked
   * the student, and its deadline sweep runs without one).
   */
  @Transactional
  public boolean recordQuizResult(
      UUID enrollmentId, UUID lessonId, int score, int attempts, boolean passed, Instant at) {
    Enrollment enrollment = enrollments.lock(enrollmentId).orElse(null);
    if (enrollment == null || !enrollment.status().isLive()) {
      return false;
    }
    Writable target = outlineOf(enrollment);
    if (!target.lessons.containsKey(lessonId)) {
      return false;
    }
    Instant now = now();
    announceStart(enrollment, progress.start(enrollmentId, lessonId, at, now), at);
    announceCompletion(
        enrollment,
        progress.recordQuiz(enrollmentId, lessonId, score, attempts, passed, at, now),
        score,
        at);
    refresh(target, now);
    return true;
  }

  /**
   * Fires {@link LessonStarted} when this call opened the lesson: its first start and last access
   * are both this call's time (the upsert keeps the earliest start and the latest access, so a
   * lesson opened before, even by a later-dated call, fails one of them). Later opens cost no
   * event.
   */
  private void announceStart(Enrollment enrollment, ProgressRow row, Instant at) {
    if (at.equals(row.firstStartedAt()) && at.equals(row.lastAccessedAt())) {
      lessonStarted.fire(
          new LessonStarted(
              enrollment.id(), enrollment.studentId(), enrollment.courseId(), row.lessonId(), at));
    }
  }

  /**
   * Fires {@link LessonCompleted} when this call completed the lesson (completion keeps its time).
   */
  private void announceCompletion(
      Enrollment enrollment, ProgressRow row, Integer score, Instant at) {
    if (row.completed() && at.equals(row.completedAt())) {
      lessonCompleted.fire(
          new LessonCompleted(
              enrollment.id(),
              enrollment.studentId(),
              enrollment.courseId(),
              row.lessonId(),
              score,
              at));
    }
  }

  /**
   * An lti lesson is completed only by its tool's grade (LTI Assignment and Grade Services, through
   * {@link #recordQuizResult}), as a quiz lesson is by its quiz.
   */
  private static boolean launchesTool(LessonView lesson) {
    return lesson != null && lesson.type() == LessonType.LTI;
  }

  /** A quiz lesson whose quiz is published is completed only by passing the quiz. */
  private boolean takesQuiz(LessonView lesson) {
    if (lesson == null || lesson.type() != LessonType.QUIZ) {
      return false;
    }
    for (QuizReadiness readiness : quizReadiness) {
      return readiness.hasPublishedQuiz(lesson.id());
    }
    return false;
  }

  /** The locked enrolment of the calling student, live, with its course's current outline. */
  private Writable writable(UUID enrollmentId) {
    Enrollment enrollment = enrollments.lock(enrollmentId).orElseThrow(EnrollmentErrors::notFound);
    access.requireOwner(enrollment);
    if (!enrollment.status().isLive()) {
      throw EnrollmentErrors.notActive();
    }
    return outlineOf(enrollment);
  }

  private Writable outlineOf(Enrollment enrollment) {
    Map<UUID, LessonView> lessons = new java.util.LinkedHashMap<>();
    catalog.outline(enrollment.courseId()).forEach(l -> lessons.put(l.id(), l));
    return new Writable(enrollment, lessons);
  }

  /**
   * Brings the enrolment's counts, percentage and total time in step with its lesson rows; on the
   * transition to completed records the completion and fires {@link CourseCompleted} (exactly once:
   * the row lock serialises writers and a completed enrolment never completes again).
   */
  private void refresh(Writable target, Instant now) {
    refresh(target, progress.totals(target.enrollment.id(), target.lessons.keySet()), now);
  }

  private void refresh(Writable target, LessonProgressRepository.Totals totals, Instant now) {
    Enrollment enrollment = target.enrollment;
    boolean completed =
        enrollment.applyProgress(
            totals.completedInOutline(), target.lessons.size(), totals.timeSpentSeconds(), now);
    if (completed) {
      progress.recordCompletion(enrollment);
      courseCompleted.fire(
          new CourseCompleted(
              enrollment.id(),
              enrollment.studentId(),
              enrollment.courseId(),
              enrollment.completedAt()));
    }
  }

  private record Writable(Enrollment enrollment, Map<UUID, LessonView> lessons) {

    void requireLesson(UUID lessonId) {
      if (!lessons.containsKey(lessonId)) {
        throw EnrollmentErrors.lessonNotFound();
      }
    }
  }

  /** Now, at the database's precision (microseconds), so replies equal what is stored. */
  private Instant now() {
    return clock.instant();
  }
}
