package io.lectern.events.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue of event types with their current schema version. A type's payload only gains
 * fields within a version; removing or changing the meaning of a field makes a new version.
 */
public final class EventTypes {

  private EventTypes() {}

  public static final String ENROLLMENT_CREATED = "enrollment.created";
  public static final String ENROLLMENT_DROPPED = "enrollment.dropped";
  public static final String ENROLLMENT_REACTIVATED = "enrollment.reactivated";
  public static final String ENROLLMENT_COMPLETED = "enrollment.completed";
  public static final String LESSON_STARTED = "lesson.started";
  public static final String LESSON_COMPLETED = "lesson.completed";
  public static final String QUIZ_ATTEMPT_STARTED = "quiz.attempt.started";
  public static final String QUIZ_ATTEMPT_GRADED = "quiz.attempt.graded";
  public static final String CERTIFICATE_ISSUED = "certificate.issued";
  public static final String CERTIFICATE_REVOKED = "certificate.revoked";
  public static final String TUTORIAL_CHAPTER_RECORDED = "tutorial.chapter.recorded";
  public static final String TUTORIAL_QUIZ_RECORDED = "tutorial.quiz.recorded";
  public static final String TUTORIAL_COMPLETION_RECORDED = "tutorial.completion.recorded";
  public static final String USER_CREATED = "user.created";
  public static final String USER_DEACTIVATED = "user.deactivated";
  public static final String USER_REACTIVATED = "user.reactivated";
  public static final String USER_ROLE_CHANGED = "user.role_changed";
  public static final String COURSE_PUBLISHED = "course.published";
  public static final String COURSE_UNPUBLISHED = "course.unpublished";

  /** Sent only by the test-send endpoint, to one subscription. */
  public static final String WEBHOOK_TEST = "webhook.test";

  /** Every domain type, in catalogue order. */
  public static final List<String> DOMAIN =
      List.of(
          ENROLLMENT_CREATED,
          ENROLLMENT_DROPPED,
          ENROLLMENT_REACTIVATED,
          ENROLLMENT_COMPLETED,
          LESSON_STARTED,
          LESSON_COMPLETED,
          QUIZ_ATTEMPT_STARTED,
          QUIZ_ATTEMPT_GRADED,
          CERTIFICATE_ISSUED,
          CERTIFICATE_REVOKED,
          TUTORIAL_CHAPTER_RECORDED,
          TUTORIAL_QUIZ_RECORDED,
          TUTORIAL_COMPLETION_RECORDED,
          USER_CREATED,
          USER_DEACTIVATED,
          USER_REACTIVATED,
          USER_ROLE_CHANGED,
          COURSE_PUBLISHED,
          COURSE_UNPUBLISHED);

  /** Current schema version of each type (all start at 1). */
  public static final Map<String, Integer> VERSIONS =
      DOMAIN.stream().collect(Collectors.toUnmodifiableMap(t -> t, t -> 1));

  /** What a subscription may filter on. */
  public static final Set<String> SUBSCRIBABLE = Set.copyOf(DOMAIN);

  public static int version(String type) {
    return VERSIONS.getOrDefault(type, 1);
  }
}
