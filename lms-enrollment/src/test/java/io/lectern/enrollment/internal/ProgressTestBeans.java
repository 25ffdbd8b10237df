package io.lectern.enrollment.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonType;
import io.lectern.courses.api.LessonView;
import io.lectern.enrollment.api.event.CourseCompleted;
import io.lectern.shared.security.CurrentUser;
import io.lectern.shared.security.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The surroundings of {@link ProgressService} in {@link CompletionEventCdiTest}: a two-lesson
 * course, the signed-in student, a fixed clock, enrolment and lesson rows kept in memory, and an
 * observer that logs every {@link CourseCompleted} the container delivers.
 */
@ApplicationScoped
public class ProgressTestBeans {

  static final UUID STUDENT = UUID.fromString("00000000-0000-0000-0000-00000000a001");
  static final UUID COURSE = UUID.fromString("00000000-0000-0000-0000-00000000c001");
  static final UUID FIRST_LESSON = UUID.fromString("00000000-0000-0000-0000-00000000e001");
  static final UUID SECOND_LESSON = UUID.fromString("00000000-0000-0000-0000-00000000e002");
  private static final Instant NOW =
      Instant.parse("2025-05-01T09:00:00Z").truncatedTo(ChronoUnit.MICROS);

  Instant now() {
    return NOW;
  }

  @Produces
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Produces
  CurrentUser student() {
    return new CurrentUser() {
      @Override
      public boolean isAuthenticated() {
        return true;
      }

      @Override
      public UUID id() {
        return STUDENT;
      }

      @Override
      public Role role() {
        return Role.STUDENT;
      }

      @Override
      public Optional<UUID> sessionId() {
        return Optional.empty();
      }
    };
  }

  @Produces
  CourseCatalog catalog() {
    List<LessonView> outline =
        List.of(
            new LessonView(FIRST_LESSON, COURSE, null, "One", LessonType.TEXT, 0, 0, 5, false),
            new LessonView(SECOND_LESSON, COURSE, null, "Two", LessonType.VIDEO, 1, 1, 5, false));
    return new CourseCatalog() {
      @Override
      public Optional<CourseView> findCourse(UUID courseId) {
        return Optional.empty();
      }

      @Override
      public Optional<CourseView> findCourseBySlug(String slug) {
        return Optional.empty();
      }

      @Override
      public Optional<LessonView> findLesson(UUID lessonId) {
        return outline.stream().filter(l -> l.id().equals(lessonId)).findFirst();
      }

      @Override
      public List<LessonView> outline(UUID courseId) {
        return COURSE.equals(courseId) ? outline : List.of();
      }
    };
  }

  /** Every completion event the container delivered after its (here: absent) transaction. */
  @ApplicationScoped
  public static class CompletionLog {
    private final List<CourseCompleted> events = new CopyOnWriteArrayList<>();

    void onCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CourseCompleted event) {
      events.add(event);
    }

    List<CourseCompleted> events() {
      return List.copyOf(events);
    }

    void clear() {
      events.clear();
    }
  }

  /** Enrolments by id; {@code lock} is a plain read (one thread, no database). */
  @Alternative
  @Priority(1)
  @ApplicationScoped
  public static class InMemoryEnrollments extends EnrollmentRepository {
    private final Map<UUID, Enrollment> byId = new ConcurrentHashMap<>();

    void put(Enrollment enrollment) {
      byId.put(enrollment.id(), enrollment);
    }

    @Override
    public Optional<Enrollment> find(UUID id) {
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Enrollment> lock(UUID id) {
      return find(id);
    }
  }

  /**
   * Lesson rows with the rules the SQL applies that matter here: a start never changes a started or
   * completed lesson, completion is never undone, a heartbeat adds time to a started lesson.
   */
  @Alternative
  @Priority(1)
  @ApplicationScoped
  public static class InMemoryProgress extends LessonProgressRepository {
    private final Map<UUID, Map<UUID, ProgressRow>> rows = new ConcurrentHashMap<>();
    private final List<UUID> completions = new CopyOnWriteArrayList<>();

    void clear() {
      rows.clear();
      completions.clear();
    }

    List<UUID> recordedCompletions() {
      return List.copyOf(completions);
    }

    private Map<UUID, ProgressRow> of(UUID enrollmentId, boolean create) {
      return create
          ? rows.computeIfAbsent(enrollmentId, id -> new ConcurrentHashMap<>())
          : rows.getOrDefault(enrollmentId, Map.of());
    }

    @Override
    public ProgressRow start(UUID enrollmentId, UUID lessonId, Instant at, Instant now) {
      return of(enrollmentId, true)
          .compute(
              lessonId,
              (id, row) ->
                  row != null
                      ? row
                      : new ProgressRow(
                          id,
                          LessonStatus.IN_PROGRESS,
                          0,
                          0,
                          null,
                          0,
                          BigDecimal.ZERO.setScale(2),
                          at,
                          at,
                          null));
    }

    @Override
    public Optional<Heartbeat> heartbeat(
        UUID enrollmentId,
        UUID lessonId,
        int seconds,
        Integer position,
        Instant at,
        Instant now,
        Collection<UUID> outline) {
      ProgressRow row = of(enrollmentId, false).get(lessonId);
      if (row == null) {
        return Optional.empty();
      }
      ProgressRow beat =
          new ProgressRow(
              lessonId,
              row.status(),
              row.timeSpentSeconds() + seconds,
              row.attempts(),
              row.bestScore(),
              position == null ? row.lastPositionSeconds() : position,
              row.completionPercentage(),
              row.firstStartedAt(),
              at,
              row.completedAt());
      of(enrollmentId, true).put(lessonId, beat);
      return Optional.of(new Heartbeat(beat, seconds, totals(enrollmentId, outline)));
    }

    @Override
    public ProgressRow complete(
        UUID enrollmentId, UUID lessonId, Integer score, Instant at, Instant now) {
      return of(enrollmentId, true)
          .computeIfPresent(
              lessonId,
              (id, row) ->
                  row.completed()
                      ? row
                      : new ProgressRow(
                          id,
                          LessonStatus.COMPLETED,
                          row.timeSpentSeconds(),
                          row.attempts() + (score == null ? 0 : 1),
                          score,
                          row.lastPositionSeconds(),
                          new BigDecimal("100.00"),
                          row.firstStartedAt(),
                          at,
                          at));
    }

    @Override
    public Totals totals(UUID enrollmentId, Collection<UUID> outline) {
      List<ProgressRow> inOutline = new ArrayList<>();
      of(enrollmentId, false)
          .forEach(
              (id, row) -> {
                if (outline.contains(id)) {
                  inOutline.add(row);
                }
              });
      int completed = (int) inOutline.stream().filter(ProgressRow::completed).count();
      long spent =
          of(enrollmentId, false).values().stream().mapToLong(ProgressRow::timeSpentSeconds).sum();
      return new Totals(completed, spent);
    }

    @Override
    public void recordCompletion(Enrollment enrollment) {
      completions.add(enrollment.id());
    }
  }

  /** Watch sessions are SQL only (covered by the integration tests); here they are dropped. */
  @Alternative
  @Priority(1)
  @ApplicationScoped
  public static class NoSessions extends WatchSessionRepository {
    @Override
    public void record(
        UUID enrollmentId, UUID lessonId, Instant at, int seconds, Instant lessonStarted) {}
  }
}
