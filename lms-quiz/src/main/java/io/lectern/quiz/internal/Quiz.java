package io.lectern.quiz.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A lesson's quiz: its settings and publishing state (the questions are separate rows). */
@Entity
@Table(name = "quizzes", schema = "quiz")
public class Quiz {

  /** How many questions a quiz holds at most. */
  public static final int MAX_QUESTIONS = 500;

  @Id private UUID id;

  @Column(name = "lesson_id", nullable = false)
  private UUID lessonId;

  @Column(name = "course_id", nullable = false)
  private UUID courseId;

  @Column(nullable = false, length = 500)
  private String title;

  private String description;

  @Column(name = "quiz_type", nullable = false, length = 20)
  private String type;

  @Column(name = "passing_score", nullable = false)
  private int passingScore;

  @Column(name = "time_limit_seconds")
  private Integer timeLimitSeconds;

  @Column(name = "max_attempts")
  private Integer maxAttempts;

  @Column(name = "shuffle_questions", nullable = false)
  private boolean shuffleQuestions;

  @Column(name = "shuffle_options", nullable = false)
  private boolean shuffleOptions;

  @Column(name = "show_correct_answers", nullable = false, length = 30)
  private String showCorrectAnswers;

  @Column(name = "grading_policy", nullable = false, length = 20)
  private String gradingPolicy;

  @Column(name = "is_published", nullable = false)
  private boolean published;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", nullable = false)
  private String metadata;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Quiz() {}

  public Quiz(UUID lessonId, UUID courseId, Instant now) {
    this.id = UUID.randomUUID();
    this.lessonId = lessonId;
    this.courseId = courseId;
    this.metadata = "{}";
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Takes every setting (PUT semantics: absent values take their defaults). */
  void apply(QuizSettings s, Instant now) {
    this.title = s.title();
    this.description = s.description();
    this.type = s.type();
    this.passingScore = s.passingScore();
    this.timeLimitSeconds = s.timeLimitSeconds();
    this.maxAttempts = s.maxAttempts();
    this.shuffleQuestions = s.shuffleQuestions();
    this.shuffleOptions = s.shuffleOptions();
    this.showCorrectAnswers = s.showCorrectAnswers().value();
    this.gradingPolicy = s.gradingPolicy().value();
    this.published = s.published();
    this.metadata = s.metadata();
    this.updatedAt = now;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public UUID lessonId() {
    return lessonId;
  }

  public UUID courseId() {
    return courseId;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public String type() {
    return type;
  }

  public int passingScore() {
    return passingScore;
  }

  public Integer timeLimitSeconds() {
    return timeLimitSeconds;
  }

  public Integer maxAttempts() {
    return maxAttempts;
  }

  public boolean shuffleQuestions() {
    return shuffleQuestions;
  }

  public boolean shuffleOptions() {
    return shuffleOptions;
  }

  public AnswerVisibility showCorrectAnswers() {
    return AnswerVisibility.fromValue(showCorrectAnswers);
  }

  public GradingPolicy gradingPolicy() {
    return GradingPolicy.fromValue(gradingPolicy);
  }

  public boolean published() {
    return published;
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
