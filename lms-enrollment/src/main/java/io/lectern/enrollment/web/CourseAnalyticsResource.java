package io.lectern.enrollment.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.courses.api.LessonView;
import io.lectern.enrollment.internal.AnalyticsService;
import io.lectern.enrollment.internal.AnalyticsService.LessonSort;
import io.lectern.enrollment.internal.AnalyticsService.LessonStats;
import io.lectern.shared.error.LmsException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/courses/{courseId}/analytics")
@Tag(name = "Course analytics", description = "Learning analytics for a course's instructor")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CourseAnalyticsResource {

  @Inject AnalyticsService analytics;

  public record LessonRef(UUID id, String title, String type, int position) {
    static LessonRef of(LessonView l) {
      return new LessonRef(
          l.id(), l.title(), l.type() == null ? null : l.type().value(), l.position());
    }
  }

  public record LessonAnalytics(
      LessonRef lesson,
      long learnersStarted,
      long learnersCompleted,
      BigDecimal completionRate,
      BigDecimal averageTimeSpentSeconds,
      BigDecimal averageAttempts,
      BigDecimal averageScore,
      Integer minScore,
      Integer maxScore) {
    static LessonAnalytics of(LessonStats s) {
      return new LessonAnalytics(
          LessonRef.of(s.lesson()),
          s.learnersStarted(),
          s.learnersCompleted(),
          s.completionRate(),
          s.averageTimeSpentSeconds(),
          s.averageAttempts(),
          s.averageScore(),
          s.minScore(),
          s.maxScore());
    }
  }

  public record LessonsResponse(UUID courseId, String sort, List<LessonAnalytics> lessons) {}

  public record FunnelStep(LessonRef lesson, long learnersCompleted, BigDecimal percentage) {}

  public record SummaryResponse(
      UUID courseId,
      String title,
      long totalEnrollments,
      Map<String, Long> enrollmentsByStatus,
      BigDecimal averageProgressPercentage,
      long totalLearningTimeSeconds,
      List<FunnelStep> funnel) {}

  @GET
  @Path("/lessons")
  @Operation(
      summary = "Per-lesson analytics",
      description =
          "Per lesson: learners started and completed, completion rate (% of those who started),"
              + " average time spent, average attempts, average/min/max best score. `sort=order`"
              + " (default, the outline) or `hardest` (lowest completion rate, then most"
              + " attempts). One entry per lesson of the course.")
  @APIResponse(responseCode = "200", description = "Every lesson of the course")
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  @APIResponse(responseCode = "404", description = "No such course")
  public LessonsResponse lessons(
      @PathParam("courseId") UUID courseId,
      @Parameter(description = "order (default) or hardest") @QueryParam("sort") String sort) {
    LessonSort parsed = sort(sort);
    return new LessonsResponse(
        courseId,
        parsed.name().toLowerCase(Locale.ROOT),
        analytics.lessons(courseId, parsed).stream().map(LessonAnalytics::of).toList());
  }

  @GET
  @Path("/summary")
  @Operation(
      summary = "Course summary",
      description =
          "Enrolments by status, average progress of live enrolments, total learning time, and a"
              + " completion funnel: per lesson in outline order, how many learners completed it"
              + " (and their share of all enrolments).")
  @APIResponse(responseCode = "200", description = "The summary")
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  public SummaryResponse summary(@PathParam("courseId") UUID courseId) {
    var s = analytics.summary(courseId);
    return new SummaryResponse(
        courseId,
        s.course().title(),
        s.totalEnrollments(),
        s.enrollmentsByStatus(),
        s.averageProgressPercentage(),
        s.totalLearningTimeSeconds(),
        s.funnel().stream()
            .map(
                f ->
                    new FunnelStep(LessonRef.of(f.lesson()), f.learnersCompleted(), f.percentage()))
            .toList());
  }

  private static LessonSort sort(String value) {
    if (value == null || value.isBlank()) {
      return LessonSort.ORDER;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "order" -> LessonSort.ORDER;
      case "hardest" -> LessonSort.HARDEST;
      default ->
          throw LmsException.invalidField(
              "enrollment.invalid-query", "sort", "must be order or hardest");
    };
  }
}
