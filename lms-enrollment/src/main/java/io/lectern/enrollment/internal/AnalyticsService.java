package io.lectern.enrollment.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
 * indexes), then laid out in the course's outline order.
 */
@ApplicationScoped
public class AnalyticsService {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject EnrollmentAccess access;
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
    List<LessonStats> stats = lessonStats(courseId);
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
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String status : List.of("active", "completed", "dropped", "expired")) {
      byStatus.put(status, 0L);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> groups =
        em.createNativeQuery(
                "select status, count(*) from enrollment.enrollments"
                    + " where course_id = :course group by status")
            .setParameter("course", courseId)
            .getResultList();
    long total = 0;
    for (Object[] group : groups) {
      long count = ((Number) group[1]).longValue();
      byStatus.put((String) group[0], count);
      total += count;
    }
    Object[] totals =
        (Object[])
            em.createNativeQuery(
                    "select coalesce(round(avg(progress_percentage)"
                        + " filter (where status in ('active', 'completed')), 2), 0),"
                        + " coalesce(sum(total_time_spent_seconds), 0)"
                        + " from enrollment.enrollments where course_id = :course")
                .setParameter("course", courseId)
                .getSingleResult();
    List<FunnelStep> funnel = new ArrayList<>();
    for (LessonStats stats : lessonStats(courseId)) {
      funnel.add(
          new FunnelStep(
              stats.lesson(), stats.learnersCompleted(), rate(stats.learnersCompleted(), total)));
    }
    return new Summary(
        course, byStatus, total, decimal(totals[0]), ((Number) totals[1]).longValue(), funnel);
  }

  private List<LessonStats> lessonStats(UUID courseId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select p.lesson_id,"
                    + " count(*) filter (where p.status <> 'not_started'),"
                    + " count(*) filter (where p.status = 'completed'),"
                    + " round(avg(p.time_spent_seconds), 2),"
                    + " round(avg(p.attempts), 2),"
                    + " round(avg(p.best_score), 2), min(p.best_score), max(p.best_score)"
                    + " from enrollment.lesson_progress p"
                    + " join enrollment.enrollments e on e.id = p.enrollment_id"
                    + " where e.course_id = :course"
                    + " group by p.lesson_id")
            .setParameter("course", courseId)
            .getResultList();
    Map<UUID, Object[]> byLesson = new HashMap<>();
    rows.forEach(r -> byLesson.put((UUID) r[0], r));
    List<LessonStats> result = new ArrayList<>();
    for (LessonView lesson : catalog.outline(courseId)) {
      Object[] r = byLesson.get(lesson.id());
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
      long started = ((Number) r[1]).longValue();
      long completed = ((Number) r[2]).longValue();
      result.add(
          new LessonStats(
              lesson,
              started,
              completed,
              started == 0 ? null : rate(completed, started),
              decimal(r[3]),
              decimal(r[4]),
              r[5] == null ? null : decimal(r[5]),
              r[6] == null ? null : ((Number) r[6]).intValue(),
              r[7] == null ? null : ((Number) r[7]).intValue()));
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

  private static BigDecimal decimal(Object value) {
    BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    return d.setScale(2, RoundingMode.HALF_UP);
  }
}
