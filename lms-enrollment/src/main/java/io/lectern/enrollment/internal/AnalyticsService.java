package io.lectern.enrollment.internal;

import static io.lectern.shared.persistence.Columns.decimal;
import static io.lectern.shared.persistence.Columns.integerOrNull;
import static io.lectern.shared.persistence.Columns.longValue;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonView;
import io.lectern.shared.persistence.ReplicaReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Course analytics for its instructor and admins, aggregated in PostgreSQL (GROUP BY over the
 * course's enrolments and their lesson rows; served by the course/status and enrolment/lesson
 * indexes), then laid out in the course's outline order. The figures come from the read replica
 * when one is configured (they tolerate a second of lag); who may see them is checked on the
 * primary.
 */
@ApplicationScoped
public class AnalyticsService {

  /** The course's average progress of live enrolments and its total learning time. */
  private static final String COURSE_TOTALS =
      """
      SELECT COALESCE(ROUND(AVG(progress_percentage)
                              FILTER (WHERE status IN ('active', 'completed')), 2), 0)
               AS average_progress,
             COALESCE(SUM(total_time_spent_seconds), 0) AS total_time_spent
      FROM enrollment.enrollments
      WHERE course_id = :course
      """;

  /** Per lesson of the course that has progress rows: learners and their figures. */
  private static final String LESSON_STATS =
      """
      SELECT p.lesson_id,
             COUNT(*) FILTER (WHERE p.status <> 'not_started') AS started,
             COUNT(*) FILTER (WHERE p.status = 'completed') AS completed,
             ROUND(AVG(p.time_spent_seconds), 2) AS average_time_spent,
             ROUND(AVG(p.attempts), 2) AS average_attempts,
             ROUND(AVG(p.best_score), 2) AS average_score,
             MIN(p.best_score) AS min_score,
             MAX(p.best_score) AS max_score
      FROM enrollment.lesson_progress p
      JOIN enrollment.enrollments e ON e.id = p.enrollment_id
      WHERE e.course_id = :course
      GROUP BY p.lesson_id
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject EnrollmentAccess access;
  @Inject ReplicaReads reads;
  @Inject CourseCatalog catalog;

  public enum LessonSort {
    ORDER,
    HARDEST
  }

  /** One lesson's figures across the course's learners. */
  public record LessonStats(
      LessonView lesson,
      long learnersStarted,
      long learnersCompleted,
      BigDecimal completionRate,
      BigDecimal averageTimeSpentSeconds,
      BigDecimal averageAttempts,
      BigDecimal averageScore,
      Integer minScore,
      Integer maxScore) {}

  /** Lessons hardest first: lowest completion rate, then most attempts, then outline order. */
  static final Comparator<LessonStats> HARDEST_FIRST =
      Comparator.comparing(
              LessonStats::completionRate, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(LessonStats::averageAttempts, Comparator.reverseOrder())
          .thenComparingInt(s -> s.lesson().position());

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<LessonStats> lessons(UUID courseId, LessonSort sort) {
    access.requireCourseStaff(courseId);
    List<LessonStats> stats = reads.lagTolerantRead(() -> lessonStats(courseId));
    if (sort == LessonSort.HARDEST) {
      stats.sort(HARDEST_FIRST);
    }
    return stats;
  }

  public record FunnelStep(LessonView lesson, long learnersCompleted, BigDecimal percentage) {}

  public record Summary(
      CourseView course,
      Map<String, Long> enrollmentsByStatus,
      long totalEnrollments,
      BigDecimal averageProgressPercentage,
      long totalLearningTimeSeconds,
      List<FunnelStep> funnel) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Summary summary(UUID courseId) {
    CourseView course = access.requireCourseStaff(courseId);
    return reads.lagTolerantRead(() -> summaryOf(course, courseId));
  }

  private Summary summaryOf(CourseView course, UUID courseId) {
    EntityManager em = reads.entityManager(this.em);
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String status : List.of("active", "completed", "dropped", "expired")) {
      byStatus.put(status, 0L);
    }
    List<Tuple> groups =
        em.createNamedQuery(Enrollment.COUNT_BY_STATUS, Tuple.class)
            .setParameter("course", courseId)
            .getResultList();
    long total = 0;
    for (Tuple group : groups) {
      long count = longValue(group, "enrollments");
      byStatus.put(group.get("status", String.class), count);
      total += count;
    }
    Tuple totals =
        (Tuple)
            em.createNativeQuery(COURSE_TOTALS, Tuple.class)
                .setParameter("course", courseId)
                .getSingleResult();
    List<FunnelStep> funnel = new ArrayList<>();
    for (LessonStats stats : lessonStats(courseId)) {
      funnel.add(
          new FunnelStep(
              stats.lesson(), stats.learnersCompleted(), rate(stats.learnersCompleted(), total)));
    }
    return new Summary(
        course,
        byStatus,
        total,
        scaled(decimal(totals, "average_progress")),
        longValue(totals, "total_time_spent"),
        funnel);
  }

  private List<LessonStats> lessonStats(UUID courseId) {
    EntityManager em = reads.entityManager(this.em);
    @SuppressWarnings("unchecked")
    List<Tuple> rows =
        em.createNativeQuery(LESSON_STATS, Tuple.class)
            .setParameter("course", courseId)
            .getResultList();
    Map<UUID, Tuple> byLesson = new HashMap<>();
    rows.forEach(r -> byLesson.put(r.get("lesson_id", UUID.class), r));
    List<LessonStats> result = new ArrayList<>();
    for (LessonView lesson : catalog.outline(courseId)) {
      Tuple r = byLesson.get(lesson.id());
      if (r == null) {
        result.add(
            new LessonStats(
                lesson,
                0,
                0,
                null,
                BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2),
                null,
                null,
                null));
        continue;
      }
      long started = longValue(r, "started");
      long completed = longValue(r, "completed");
      BigDecimal averageScore = decimal(r, "average_score");
      result.add(
          new LessonStats(
              lesson,
              started,
              completed,
              started == 0 ? null : rate(completed, started),
              scaled(decimal(r, "average_time_spent")),
              scaled(decimal(r, "average_attempts")),
              averageScore == null ? null : scaled(averageScore),
              integerOrNull(r, "min_score"),
              integerOrNull(r, "max_score")));
    }
    return result;
  }

  private static BigDecimal rate(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return BigDecimal.valueOf(part * 100)
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }

  private static BigDecimal scaled(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }
}
