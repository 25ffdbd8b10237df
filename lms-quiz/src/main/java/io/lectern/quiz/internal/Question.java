package io.lectern.quiz.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A quiz question. Options and the correct answer are JSON (see {@link QuizJson}); option ids are
 * stable across edits so that saved answers and statistics keep meaning the same option.
 */
@Entity
@Table(name = "questions", schema = "quiz")
public class Question {

  @Id private UUID id;

  @Column(name = "quiz_id", nullable = false)
  private UUID quizId;

  @Column(name = "question_type", nullable = false, length = 20)
  private String type;

  @Column(name = "question_text", nullable = false)
  private String text;

  @Column(nullable = false)
  private int points;

  @Column(name = "order_index", nullable = false)
  private int orderIndex;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  private String options;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "correct_answer", columnDefinition = "jsonb")
  private String correctAnswer;

  private String explanation;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Question() {}

  public Question(UUID quizId, int orderIndex, Instant now) {
    this.id = UUID.randomUUID();
    this.quizId = quizId;
    this.orderIndex = orderIndex;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Takes a complete, validated question definition. */
  void define(QuestionDef def, Instant now) {
    this.type = def.type().value();
    this.text = def.text();
    this.points = def.points();
    this.options =
        def.type() == QuestionType.MULTIPLE_CHOICE ? QuizJson.writeOptions(def.options()) : null;
    this.correctAnswer =
        switch (def.type()) {
          case MULTIPLE_CHOICE -> null;
          case TRUE_FALSE -> def.correctAnswer().toString();
          case SHORT_ANSWER -> QuizJson.writeStrings(def.acceptedAnswers());
        };
    this.explanation = def.explanation();
    this.updatedAt = now;
  }

  /** The question's current definition. */
  public QuestionDef def() {
    QuestionType t = type();
    return new QuestionDef(
        t,
        text,
        points,
        t == QuestionType.MULTIPLE_CHOICE ? QuizJson.readOptions(options) : List.of(),
        t == QuestionType.TRUE_FALSE ? Boolean.valueOf(correctAnswer.strip()) : null,
        t == QuestionType.SHORT_ANSWER ? QuizJson.readStrings(correctAnswer) : List.of(),
        explanation);
  }

  public Grading.Key key() {
    return def().key(id);
  }

  void moveTo(int orderIndex, Instant now) {
    this.orderIndex = orderIndex;
    this.updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public UUID quizId() {
    return quizId;
  }

  public QuestionType type() {
    return QuestionType.fromValue(type);
  }

  public int orderIndex() {
    return orderIndex;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
