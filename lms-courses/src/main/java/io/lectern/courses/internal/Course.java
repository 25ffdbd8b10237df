package io.lectern.courses.internal;

import io.lectern.courses.api.Difficulty;
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
 * A course and its publishing state. The slug is fixed once the course has been published, so links
 * to it keep working; drafts may still change it.
 */
@Entity
@Table(name = "courses", schema = "courses")
public class Course {

  @Id private UUID id;

  @Column(nullable = false, length = 500)
  private String title;

  @Column(nullable = false, length = 120)
  private String slug;

  private String description;

  @Column(name = "instructor_id", nullable = false)
  private UUID instructorId;

  @Column(length = 100)
  private String category;

  @Column(length = 20)
  private String difficulty;

  @Column(name = "is_published", nullable = false)
  private boolean published;

  @Column(name = "published_at")
  private Instant publishedAt;

  @Column(name = "thumbnail_url", length = 1000)
  private String thumbnailUrl;

  @Column(name = "estimated_duration_minutes")
  private Integer estimatedDurationMinutes;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", nullable = false)
  private String metadata;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Course() {}

  public Course(String title, String slug, UUID instructorId, Instant now) {
    this.id = UUID.randomUUID();
    this.title = title.strip();
    this.slug = slug;
    this.instructorId = instructorId;
    this.metadata = "{}";
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** True once the course has ever been published: its slug no longer changes. */
  public boolean slugLocked() {
    return publishedAt != null;
  }

  public void publish(Instant now) {
    published = true;
    if (publishedAt == null) {
      publishedAt = now;
    }
    touch(now);
  }

  public void unpublish(Instant now) {
    published = false;
    touch(now);
  }

  public void touch(Instant now) {
    this.updatedAt = now;
  }

  public boolean isOwnedBy(UUID userId) {
    return instructorId.equals(userId);
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

  void setCategory(String value) {
    this.category = value;
  }

  void setDifficulty(Difficulty value) {
    this.difficulty = value == null ? null : value.value();
  }

  void setThumbnailUrl(String value) {
    this.thumbnailUrl = value;
  }

  void setEstimatedDurationMinutes(Integer value) {
    this.estimatedDurationMinutes = value;
  }

  void setMetadata(String json) {
    this.metadata = json;
  }

  public UUID id() {
    return id;
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

  public UUID instructorId() {
    return instructorId;
  }

  public String category() {
    return category;
  }

  public Difficulty difficulty() {
    return Difficulty.fromValue(difficulty);
  }

  public boolean published() {
    return published;
  }

  public Instant publishedAt() {
    return publishedAt;
  }

  public String thumbnailUrl() {
    return thumbnailUrl;
  }

  public Integer estimatedDurationMinutes() {
    return estimatedDurationMinutes;
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
