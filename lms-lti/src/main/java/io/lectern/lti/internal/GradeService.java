package io.lectern.lti.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Assignment and Grade Services 2.0 for the tools: line items of the courses they are deployed in,
 * scores and results. A score of a student on a lesson's line item moves that lesson's progress
 * through the enrolment module, as a graded quiz does: completed when the activity is Completed and
 * FullyGraded, then the course and its certificate follow the usual rules.
 */
@ApplicationScoped
public class GradeService {

  @Inject LineItemRepository lineItems;
  @Inject LtiRepository store;
  @Inject CourseCatalog catalog;
  @Inject Enrollments enrollments;
  @Inject Clock clock;

  /** The course, when the tool is deployed in it (404 otherwise, as if it did not exist). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CourseView context(Tool tool, UUID courseId) {
    CourseView course = catalog.findCourse(courseId).orElseThrow(LtiErrors::courseNotFound);
    List<UUID> linked = store.linkedLessons(tool.id(), courseId);
    // Lessons are the course module's: a deleted one leaves its link here, which no longer counts.
    boolean deployed =
        !linked.isEmpty()
            && catalog.outline(courseId).stream().anyMatch(l -> linked.contains(l.id()));
    if (!deployed) {
      throw LtiErrors.courseNotFound();
    }
    return course;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<LineItem> list(
      Tool tool, UUID courseId, LineItemRepository.Filter filter, PageRequest paging) {
    context(tool, courseId);
    return lineItems.list(tool.id(), courseId, filter, paging);
  }

  @Transactional
  public LineItem create(Tool tool, UUID courseId, LineItem draft) {
    context(tool, courseId);
    checkLesson(tool, courseId, draft.lessonId());
    LineItem item =
        new LineItem(
            UUID.randomUUID(),
            tool.id(),
            courseId,
            draft.lessonId(),
            draft.label(),
            draft.scoreMaximum(),
            draft.resourceId(),
            draft.tag(),
            draft.startAt(),
            draft.endAt());
    lineItems.insert(item, clock.instant());
    return item;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public LineItem get(Tool tool, UUID courseId, UUID id) {
    context(tool, courseId);
    return lineItems
        .find(id)
        .filter(i -> i.toolId().equals(tool.id()) && i.courseId().equals(courseId))
        .orElseThrow(LtiErrors::lineItemNotFound);
  }

  @Transactional
  public LineItem update(Tool tool, UUID courseId, UUID id, LineItem changes) {
    LineItem current = get(tool, courseId, id);
    checkLesson(tool, courseId, changes.lessonId());
    LineItem updated =
        new LineItem(
            current.id(),
            current.toolId(),
            current.courseId(),
            changes.lessonId(),
            changes.label(),
            changes.scoreMaximum(),
            changes.resourceId(),
            changes.tag(),
            changes.startAt(),
            changes.endAt());
    lineItems.update(updated);
    return updated;
  }

  @Transactional
  public void delete(Tool tool, UUID courseId, UUID id) {
    get(tool, courseId, id);
    lineItems.delete(id);
  }

  /**
   * Records a score (a later timestamp wins) and, for an enrolled student on a lesson's line item,
   * moves the lesson's progress. 422 for a user who is neither enrolled in the course nor teaches
   * it.
   */
  @Transactional
  public void score(Tool tool, UUID courseId, UUID lineItemId, Score score) {
    LineItem item = get(tool, courseId, lineItemId);
    CourseView course = context(tool, courseId);
    Optional<EnrollmentView> enrolment =
        enrollments.findFor(score.userId(), courseId).filter(e -> e.status().isLive());
    if (enrolment.isEmpty() && !score.userId().equals(course.instructorId())) {
      throw LmsException.businessRule(
          "lti.score-user-not-in-course", "userId is not a member of this course.");
    }
    boolean kept = lineItems.putScore(item.id(), score);
    if (!kept || enrolment.isEmpty() || item.lessonId() == null) {
      return;
    }
    boolean done =
        "Completed".equals(score.activityProgress())
            && "FullyGraded".equals(score.gradingProgress());
    enrollments.recordQuizResult(
        enrolment.get().id(), item.lessonId(), percent(score, item), 1, done, score.timestamp());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Score> results(
      Tool tool, UUID courseId, UUID lineItemId, UUID userId, PageRequest paging) {
    get(tool, courseId, lineItemId);
    return lineItems.results(lineItemId, userId, paging);
  }

  /**
   * The score in percent of the line item's maximum (0 when the tool gave none), which is what
   * lesson progress keeps as a best score.
   */
  static int percent(Score score, LineItem item) {
    if (score.scoreGiven() == null) {
      return 0;
    }
    BigDecimal max = score.scoreMaximum() != null ? score.scoreMaximum() : item.scoreMaximum();
    if (max.signum() <= 0) {
      return 0;
    }
    int percent =
        score
            .scoreGiven()
            .multiply(BigDecimal.valueOf(100))
            .divide(max, 0, RoundingMode.HALF_UP)
            .intValue();
    return Math.max(0, Math.min(100, percent));
  }

  private void checkLesson(Tool tool, UUID courseId, UUID lessonId) {
    if (lessonId == null) {
      return;
    }
    Optional<LessonLink> link = store.link(lessonId);
    if (link.isEmpty()
        || !link.get().courseId().equals(courseId)
        || !link.get().toolId().equals(tool.id())) {
      throw LmsException.invalidField(
          "lti.resource-link",
          "resourceLinkId",
          "is not a resource link of this tool in this course");
    }
  }
}
