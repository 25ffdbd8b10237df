package io.lectern.courses.internal;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.persistence.ReplicaReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What anyone may read: the published catalogue, a course with its outline, a lesson. Anonymous
 * catalogue and course reads are served by the read replica when one is configured.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogueService {

  private static final Pattern UUID_SHAPE =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Inject CourseRepository courses;
  @Inject LessonRepository lessons;
  @Inject CourseAccess access;
  @Inject ReplicaReads reads;

  public Page<CourseRepository.CatalogueRow> search(
      CourseRepository.CatalogueQuery query, PageRequest paging) {
    return reads.publicRead(() -> courses.catalogue(query, paging));
  }

  /** A course by id or slug with its outline; drafts only for their instructor and admins. */
  public CourseWithLessons course(String idOrSlug) {
    return reads.publicRead(() -> courseWithOutline(idOrSlug));
  }

  private CourseWithLessons courseWithOutline(String idOrSlug) {
    Course course =
        (UUID_SHAPE.matcher(idOrSlug).matches()
                ? courses.find(UUID.fromString(idOrSlug))
                : courses.findBySlug(idOrSlug))
            .orElseThrow(CourseErrors::courseNotFound);
    access.requireVisible(course);
    return new CourseWithLessons(course, lessons.outlineOf(course.id()), access.canEdit(course));
  }

  public LessonInCourse lesson(UUID lessonId) {
    Lesson lesson = lessons.find(lessonId).orElseThrow(CourseErrors::lessonNotFound);
    Course course = courses.find(lesson.courseId()).orElseThrow(CourseErrors::lessonNotFound);
    if (!course.published() && !access.canEdit(course)) {
      throw CourseErrors.lessonNotFound();
    }
    access.requireReadable(course, lesson);
    return new LessonInCourse(course, lesson);
  }

  /**
   * A course and its lessons in reading order (depth-first); {@code editable} tells the caller may
   * author it.
   */
  public record CourseWithLessons(Course course, List<OutlineEntry> outline, boolean editable) {}

  public record LessonInCourse(Course course, Lesson lesson) {}
}
