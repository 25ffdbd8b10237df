package io.lectern.courses.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read access to courses and lessons for other modules. */
public interface CourseCatalog {

  Optional<CourseView> findCourse(UUID courseId);

  /** The course with this slug, published or not. */
  Optional<CourseView> findCourseBySlug(String slug);

  Optional<LessonView> findLesson(UUID lessonId);

  /** Every lesson of the course in outline order (depth-first, siblings by order index). */
  List<LessonView> outline(UUID courseId);
}
