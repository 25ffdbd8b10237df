package io.lectern.quiz.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One attempt of a student (through their enrolment) at a quiz. The questions and option order it
 * shows, its time limit and its deadline are fixed when it starts; it is graded exactly once, on
 * submit or when its deadline has passed.
 */
@Entity
@Table(name = "attempts", schema = "quiz")
@NamedQuery(
    name = Attempt.HISTOGRAM,
    query =
        """
        SELECT LEAST(CAST(FLOOR(a.percentage / 10) AS Integer), 9) AS bucket,
               COUNT(*) AS attempts
        FROM Attempt a
        WHERE a.quizId = :quiz
          AND a.status = 'graded'
        GROUP BY LEAST(CAST(FLOOR(a.percentage / 10) AS Integer), 9)
        """)
public class Attempt {

  /**
   * A quiz's graded attempts per percentage decile ({@code bucket} 0 = [0, 10), ..., 9 = [90, 100];
   * {@code attempts}); :quiz.
   */
  static final String HISTOGRAM = "Attempt.histogram";

  public static final String IN_PROGRESS = "in_progress";
  public static final String GRADED = "graded";

  @Id private UUID id;

  @Column(name = "quiz_id", nullable = false)
  private UUID quizId;

  @Column(name = "enrollment_id", nullable = false)
  private UUID enrollmentId;

  @Column(name = "student_id", nullable = false)
  private UUID studentId;

  @Column(name = "attempt_number", nullable = false)
  private int number;

  @Column(nullable = false, length = 20)
  private String status;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "time_limit_seconds")
  private Integer timeLimitSeconds;

  @Column(name = "deadline_at")
  private Instant deadlineAt;

  @Column(name = "submitted_at")
  private Instant submittedAt;

  @Column(name = "graded_at")
  private Instant gradedAt;

  @Column(name = "auto_submitted", nullable = false)
  private boolean autoSubmitted;

  @Column(precision = 10, scale = 2)
  private BigDecimal score;

  @Column(name = "max_score", precision = 10, scale = 2)
  private BigDecimal maxScore;

  @Column(precision = 5, scale = 2)
  private BigDecimal percentage;

  @Column(name = "is_passed")
  private Boolean passed;

  @Column(name = "time_taken_seconds")
  private Integer timeTakenSeconds;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", nullable = false)
  private String answers;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "question_order", columnDefinition = "jsonb", nullable = false)
  private String questionOrder;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  private String results;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Attempt() {}

  /** A shown question: its id and the order of its options for this attempt. */
  public record Shown(UUID questionId, List<String> optionIds) {}

  public Attempt(
      UUID quizId,
      UUID enrollmentId,
      UUID studentId,
      int number,
      List<Shown> order,
      Integer timeLimitSeconds,
      int extraSeconds,
      Instant now) {
    this.id = UUID.randomUUID();
    this.quizId = quizId;
    this.enrollmentId = enrollmentId;
    this.studentId = studentId;
    this.number = number;
    this.status = IN_PROGRESS;
    this.startedAt = now;
    this.timeLimitSeconds = timeLimitSeconds;
    this.deadlineAt =
        timeLimitSeconds == null ? null : now.plusSeconds(timeLimitSeconds + (long) extraSeconds);
    this.answers = "{}";
    this.questionOrder = QuizJson.writeOrder(order);
    this.createdAt = now;
    this.updatedAt = now;
  }

  public boolean open() {
    return IN_PROGRESS.equals(status);
  }

  /** True once {@code now} is beyond the deadline plus the grace for network latency. */
  public boolean expired(Instant now, Duration grace) {
    return deadlineAt != null && now.isAfter(deadlineAt.plus(grace));
  }

  void saveAnswers(Map<UUID, Grading.Answer> merged, Instant now) {
    this.answers = QuizJson.writeAnswers(merged);
    this.updatedAt = now;
  }

  /** Re-times an open attempt after the student's extra time changed. */
  void extraTime(int extraSeconds, Instant now) {
    if (open() && timeLimitSeconds != null) {
      this.deadlineAt = startedAt.plusSeconds(timeLimitSeconds + (long) extraSeconds);
      this.updatedAt = now;
    }
  }

  /**
   * Records the grade. {@code submittedAt} is the submit time, never later than the deadline (an
   * attempt closed by its deadline counts as submitted at the deadline).
   */
  void graded(Grading.Result result, Instant submitted, boolean auto, Instant now) {
    Instant at = deadlineAt != null && submitted.isAfter(deadlineAt) ? deadlineAt : submitted;
    this.status = GRADED;
    this.submittedAt = at;
    this.gradedAt = now;
    this.autoSubmitted = auto;
    this.score = BigDecimal.valueOf(result.score()).setScale(2);
    this.maxScore = BigDecimal.valueOf(result.maxScore()).setScale(2);
    this.percentage = result.percentage();
    this.passed = result.passed();
    this.timeTakenSeconds = (int) Math.max(0, Duration.between(startedAt, at).toSeconds());
    this.results = QuizJson.writeResults(result.items());
    this.updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public UUID quizId() {
    return quizId;
  }

  public UUID enrollmentId() {
    return enrollmentId;
  }

  public UUID studentId() {
    return studentId;
  }

  public int number() {
    return number;
  }

  public String status() {
    return status;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Integer timeLimitSeconds() {
    return timeLimitSeconds;
  }

  public Instant deadlineAt() {
    return deadlineAt;
  }

  public Instant submittedAt() {
    return submittedAt;
  }

  public Instant gradedAt() {
    return gradedAt;
  }

  public boolean autoSubmitted() {
    return autoSubmitted;
  }

  public BigDecimal score() {
    return score;
  }

  public BigDecimal maxScore() {
    return maxScore;
  }

  public BigDecimal percentage() {
    return percentage;
  }

  public Boolean passed() {
    return passed;
  }

  public Integer timeTakenSeconds() {
    return timeTakenSeconds;
  }

  public Map<UUID, Grading.Answer> answers() {
    return QuizJson.readAnswers(answers);
  }

  public List<Shown> order() {
    return QuizJson.readOrder(questionOrder);
  }

  public List<Grading.QuestionResult> results() {
    return results == null ? List.of() : QuizJson.readResults(results);
  }
}
