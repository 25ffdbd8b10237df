package io.lectern.quiz.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A question's content and answer key, as authored. */
public record QuestionDef(
    QuestionType type,
    String text,
    int points,
    List<Option> options,
    Boolean correctAnswer,
    List<String> acceptedAnswers,
    String explanation) {

  /** A multiple-choice option with its stable id. */
  public record Option(String id, String text, boolean correct) {}

  public Set<String> correctOptionIds() {
    Set<String> ids = new LinkedHashSet<>();
    options.stream().filter(Option::correct).forEach(o -> ids.add(o.id()));
    return ids;
  }

  public Grading.Key key(UUID questionId) {
    return new Grading.Key(
        questionId, type, points, correctOptionIds(), correctAnswer, acceptedAnswers);
  }

  /** Whether answers graded against {@code this} would grade differently against {@code other}. */
  public boolean gradesLike(QuestionDef other) {
    return type == other.type
        && points == other.points
        && Set.copyOf(options.stream().map(Option::id).toList())
            .equals(Set.copyOf(other.options.stream().map(Option::id).toList()))
        && correctOptionIds().equals(other.correctOptionIds())
        && java.util.Objects.equals(correctAnswer, other.correctAnswer)
        && Set.copyOf(acceptedAnswers.stream().map(Grading::normalise).toList())
            .equals(Set.copyOf(other.acceptedAnswers.stream().map(Grading::normalise).toList()));
  }
}
