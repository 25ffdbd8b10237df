package io.lectern.courses.web;

import io.lectern.courses.internal.CourseCommands;
import io.lectern.shared.text.TextPatterns;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of the authoring API with their validation rules. In the patch bodies an absent or
 * null field stays unchanged and an empty string clears an optional text field.
 */
public final class CourseRequests {

  private CourseRequests() {}

  static final String NOT_BLANK = TextPatterns.NOT_BLANK;
  static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
  static final String SLUG_MESSAGE =
      "must be lower-case letters and digits in words joined by single hyphens";
  static final String URL = "https?://\\S+";
  static final String URL_MESSAGE = "must be an http or https URL";
  static final String DIFFICULTY = "beginner|intermediate|advanced";
  static final String DIFFICULTY_MESSAGE = "must be one of beginner, intermediate, advanced";
  static final String LESSON_TYPE = "video|text|quiz|assignment";
  static final String LESSON_TYPE_MESSAGE = "must be one of video, text, quiz, assignment";
  static final int MAX_MINUTES = 100_000;

  public record NewCourse(
      @NotBlank @Size(max = 500) String title,
      @Size(max = 80) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug,
      @Size(max = 20_000) String description,
      @Size(max = 100) String category,
      @Pattern(regexp = DIFFICULTY, message = DIFFICULTY_MESSAGE) String difficulty,
      @Size(max = 1000) @Pattern(regexp = URL, message = URL_MESSAGE) String thumbnailUrl,
      @PositiveOrZero @Max(MAX_MINUTES) Integer estimatedDurationMinutes,
      JsonObject metadata,
      UUID instructorId) {

    CourseCommands.NewCourse toCommand() {
      return new CourseCommands.NewCourse(
          title,
          slug,
          description,
          category,
          difficulty,
          thumbnailUrl,
          estimatedDurationMinutes,
          metadata,
          instructorId);
    }
  }

  public record CourseChanges(
      @Size(min = 1, max = 500) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String title,
      @Size(max = 80) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug,
      @Size(max = 20_000) String description,
      @Size(max = 100) String category,
      @Pattern(regexp = "(" + DIFFICULTY + ")?", message = DIFFICULTY_MESSAGE) String difficulty,
      @Size(max = 1000) @Pattern(regexp = "(" + URL + ")?", message = URL_MESSAGE)
          String thumbnailUrl,
      @PositiveOrZero @Max(MAX_MINUTES) Integer estimatedDurationMinutes,
      JsonObject metadata) {

    CourseCommands.CourseChanges toCommand() {
      return new CourseCommands.CourseChanges(
          title,
          slug,
          description,
          category,
          difficulty,
          thumbnailUrl,
          estimatedDurationMinutes,
          metadata);
    }
  }

  public record NewLesson(
      @NotBlank @Size(max = 500) String title,
      @Size(max = 80) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug,
      @Size(max = 20_000) String description,
      @Size(max = 200_000) String content,
      @NotNull @Pattern(regexp = LESSON_TYPE, message = LESSON_TYPE_MESSAGE) String type,
      UUID parentLessonId,
      @PositiveOrZero Integer position,
      @PositiveOrZero @Max(MAX_MINUTES) Integer durationMinutes,
      @Size(max = 1000) @Pattern(regexp = URL, message = URL_MESSAGE) String videoUrl,
      Boolean preview,
      JsonObject metadata) {

    CourseCommands.NewLesson toCommand() {
      return new CourseCommands.NewLesson(
          title,
          slug,
          description,
          content,
          type,
          parentLessonId,
          position,
          durationMinutes,
          videoUrl,
          preview,
          metadata);
    }
  }

  /**
   * {@code parentLessonId}: a lesson id moves the lesson (with its children) under that lesson, an
   * empty string moves it to the top level; {@code position} places it among its new siblings.
   */
  public record LessonChanges(
      @Size(min = 1, max = 500) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String title,
      @Size(max = 80) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug,
      @Size(max = 20_000) String description,
      @Size(max = 200_000) String content,
      @Pattern(regexp = LESSON_TYPE, message = LESSON_TYPE_MESSAGE) String type,
      @Pattern(
              regexp =
                  "|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
              message = "must be a lesson id, or empty for the top level")
          String parentLessonId,
      @PositiveOrZero Integer position,
      @PositiveOrZero @Max(MAX_MINUTES) Integer durationMinutes,
      @Size(max = 1000) @Pattern(regexp = "(" + URL + ")?", message = URL_MESSAGE) String videoUrl,
      Boolean preview,
      JsonObject metadata) {

    CourseCommands.LessonChanges toCommand() {
      return new CourseCommands.LessonChanges(
          title,
          slug,
          description,
          content,
          type,
          parentLessonId,
          position,
          durationMinutes,
          videoUrl,
          preview,
          metadata);
    }
  }

  public record LessonOrder(UUID parentLessonId, @NotNull @Size(max = 1000) List<UUID> lessonIds) {

    CourseCommands.LessonOrder toCommand() {
      return new CourseCommands.LessonOrder(parentLessonId, lessonIds);
    }
  }
}
