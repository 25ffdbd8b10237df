package io.lectern.courses.api;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Authoring of whole courses for other modules (course import and export). Calls run as the
 * signed-in user with the same rules as the HTTP authoring API: only instructors and admins create,
 * only the course's instructor and admins read a draft's content or add lessons. Join the caller's
 * transaction.
 */
public interface CourseAuthoring {

  /** Creates a draft course owned by the calling user; returns its id. */
  UUID createDraft(NewCourse course);

  /**
   * Adds a lesson as the last child of {@code parentLessonId} (null: top level); returns its id.
   */
  UUID addLesson(UUID courseId, NewLesson lesson);

  /**
   * The course with every lesson in outline order, for its instructor and admins; empty when the
   * course does not exist or is invisible to the caller; 403 for a visible course they may not
   * edit.
   */
  Optional<CourseContent> content(UUID courseId);

  record NewCourse(
      String title,
      String description,
      String category,
      String difficulty,
      Integer estimatedDurationMinutes) {}

  record NewLesson(
      UUID parentLessonId,
      String title,
      LessonType type,
      String description,
      String content,
      String videoUrl,
      Integer durationMinutes,
      boolean preview,
      JsonObject metadata) {}

  record CourseContent(
      UUID id,
      String title,
      String description,
      String category,
      String difficulty,
      Integer estimatedDurationMinutes,
      List<LessonContent> lessons) {}

  /** A lesson with everything an export needs; {@code metadata} is its JSON object as text. */
  record LessonContent(
      UUID id,
      UUID parentLessonId,
      String title,
      LessonType type,
      String description,
      String content,
      String videoUrl,
      Integer durationMinutes,
      boolean preview,
      String metadata) {}
}
