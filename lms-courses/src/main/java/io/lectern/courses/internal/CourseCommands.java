package io.lectern.courses.internal;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What the authoring services are asked to do, already validated by the caller. In the changes an
 * absent (null) field stays unchanged and an empty string clears an optional text field.
 */
public final class CourseCommands {

  private CourseCommands() {}

  public record NewCourse(
      String title,
      String slug,
      String description,
      String category,
      String difficulty,
      String thumbnailUrl,
      Integer estimatedDurationMinutes,
      JsonObject metadata,
      UUID instructorId) {}

  public record CourseChanges(
      String title,
      String slug,
      String description,
      String category,
      String difficulty,
      String thumbnailUrl,
      Integer estimatedDurationMinutes,
      JsonObject metadata) {}

  public record NewLesson(
      String title,
      String slug,
      String description,
      String content,
      String type,
      UUID parentLessonId,
      Integer position,
      Integer durationMinutes,
      String videoUrl,
      Boolean preview,
      JsonObject metadata) {}

  /**
   * {@code parentLessonId}: a lesson id moves the lesson (with its children) under that lesson, an
   * empty string moves it to the top level; {@code position} places it among its new siblings.
   */
  public record LessonChanges(
      String title,
      String slug,
      String description,
      String content,
      String type,
      String parentLessonId,
      Integer position,
      Integer durationMinutes,
      String videoUrl,
      Boolean preview,
      JsonObject metadata) {}

  public record LessonOrder(UUID parentLessonId, List<UUID> lessonIds) {}

  /** An empty string clears an optional text; null leaves it as it is. */
  static String cleared(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
