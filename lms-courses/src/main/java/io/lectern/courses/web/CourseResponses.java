package io.lectern.courses.web;

import io.lectern.courses.internal.Course;
import io.lectern.courses.internal.CourseRepository.CatalogueRow;
import io.lectern.courses.internal.Lesson;
import io.lectern.shared.json.JsonText;
import io.lectern.users.api.UserView;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the course endpoints. */
public final class CourseResponses {

  private CourseResponses() {}

  /** The instructor as the catalogue shows them (no email). */
  public record Instructor(UUID id, String fullName) {
    static Instructor of(UUID id, Map<UUID, UserView> users) {
      UserView user = users.get(id);
      return new Instructor(id, user == null ? null : user.fullName());
    }
  }

  /** A course in a list: the catalogue or an instructor's courses. */
  public record CourseSummary(
      UUID id,
      String title,
      String slug,
      String description,
      Instructor instructor,
      String category,
      String difficulty,
      boolean published,
      Instant publishedAt,
      String thumbnailUrl,
      Integer estimatedDurationMinutes,
      int lessonCount,
      Instant createdAt,
      Instant updatedAt) {

    static CourseSummary of(Course c, int lessonCount, Map<UUID, UserView> users) {
      return new CourseSummary(
          c.id(),
          c.title(),
          c.slug(),
          c.description(),
          Instructor.of(c.instructorId(), users),
          c.category(),
          c.difficulty() == null ? null : c.difficulty().value(),
          c.published(),
          c.publishedAt(),
          c.thumbnailUrl(),
          c.estimatedDurationMinutes(),
          lessonCount,
          c.createdAt(),
          c.updatedAt());
    }

    static CourseSummary of(CatalogueRow row, Map<UUID, UserView> users) {
      return of(row.course(), row.lessonCount(), users);
    }
  }

  /** One course with its lesson outline as a tree. */
  public record CourseDetail(
      UUID id,
      String title,
      String slug,
      String description,
      Instructor instructor,
      String category,
      String difficulty,
      boolean published,
      Instant publishedAt,
      boolean slugLocked,
      String thumbnailUrl,
      Integer estimatedDurationMinutes,
      JsonObject metadata,
      int lessonCount,
      Instant createdAt,
      Instant updatedAt,
      List<OutlineNode> lessons) {}

  /** A lesson in the outline: what a visitor needs to see the shape of the course. */
  public record OutlineNode(
      UUID id,
      String title,
      String slug,
      String type,
      Integer durationMinutes,
      boolean preview,
      int orderIndex,
      List<OutlineNode> children) {}

  /** A whole lesson with its content. */
  public record LessonDetail(
      UUID id,
      UUID courseId,
      UUID parentLessonId,
      String title,
      String slug,
      String description,
      String content,
      String type,
      int orderIndex,
      Integer durationMinutes,
      String videoUrl,
      boolean preview,
      JsonObject metadata,
      Instant createdAt,
      Instant updatedAt) {

    static LessonDetail of(Lesson l) {
      return new LessonDetail(
          l.id(),
          l.courseId(),
          l.parentLessonId(),
          l.title(),
          l.slug(),
          l.description(),
          l.content(),
          l.type().value(),
          l.orderIndex(),
          l.durationMinutes(),
          l.videoUrl(),
          l.preview(),
          json(l.metadata()),
          l.createdAt(),
          l.updatedAt());
    }
  }

  static JsonObject json(String text) {
    return JsonText.object(text);
  }
}
