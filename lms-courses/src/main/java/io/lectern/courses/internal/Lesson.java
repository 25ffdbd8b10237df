package io.lectern.courses.internal;

import io.lectern.courses.api.LessonType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A lesson of a course, possibly nested under another lesson of the same course (at most three
 * levels). Siblings are numbered 0, 1, 2, ... without gaps; {@link LessonTree} keeps it so.
 */
@Entity
@Table(name = "lessons", schema = "courses")
public class Lesson {

  @Id private UUID id;

  @Column(name = "course_id", nullable = false)
  private UUID courseId;

  @Column(name = "parent_lesson_id")
  private UUID parentLessonId;

  @Column(nullable = false, length = 500)
  private String title;

  @Column(nullable = false, length = 120)
  private String slug;

  private String description;

  private String content;

  @Column(name = "lesson_type", nullable = false, length = 20)
  private String type;

  @Column(name = "order_index", nullable = false)
  private int orderIndex;

  @Column(name = "duration_minutes")
  private Integer durationMinutes;

  @Column(name = "video_url", length = 1000)
  private String videoUrl;

  @Column(name = "is_preview", nullable = false)
  private boolean preview;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", nullable = false)
  private String metadata;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Lesson() {}

  public Lesson(
      UUID courseId,
      UUID parentLessonId,
      String title,
      String slug,
      LessonType type,
      int orderIndex,
      Instant now) {
    this.id = UUID.randomUUID();
    this.courseId = courseId;
    this.parentLessonId = parentLessonId;
    this.title = title.strip();
    this.slug = slug;
    this.type = type.value();
    this.orderIndex = orderIndex;
    this.metadata = "{}";
    this.createdAt = now;
    this.updatedAt = now;
  }

  void moveTo(UUID newParent, int newOrderIndex) {
    this.parentLessonId = newParent;
    this.orderIndex = newOrderIndex;
  }

  void setOrderIndex(int value) {
    this.orderIndex = value;
  }

  void setTitle(String value) {
    this.title = value.strip();
  }

  void setSlug(String value) {
    this.slug = value;
  }

  void setDescription(String value) {
    this.description = value;
  }

  void setContent(String value) {
    this.content = value;
  }

  void setType(LessonType value) {
    this.type = value.value();
  }

  void setDurationMinutes(Integer value) {
    this.durationMinutes = value;
  }

  void setVideoUrl(String value) {
    this.videoUrl = value;
  }

  void setPreview(boolean value) {
    this.preview = value;
  }

  void setMetadata(String json) {
    this.metadata = json;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public UUID courseId() {
    return courseId;
  }

  public UUID parentLessonId() {
    return parentLessonId;
  }

  public String title() {
    return title;
  }

  public String slug() {
    return slug;
  }

  public String description() {
    return description;
  }

  public String content() {
    return content;
  }

  public LessonType type() {
    return LessonType.fromValue(type);
  }

  public int orderIndex() {
    return orderIndex;
  }

  public Integer durationMinutes() {
    return durationMinutes;
  }

  public String videoUrl() {
    return videoUrl;
  }

  public boolean preview() {
    return preview;
  }

  public String metadata() {
    return metadata;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
