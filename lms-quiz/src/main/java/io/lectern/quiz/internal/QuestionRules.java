package io.lectern.quiz.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a question definition from a request and checks the rules that span fields: a
 * multiple-choice question has at least two options, unique option ids and at least one correct
 * option; a true/false question has its answer; a short-answer question has at least one accepted
 * answer that is not blank. Breaking one is a 400 listing every problem.
 */
final class QuestionRules {

  private QuestionRules() {}

  static QuestionDef create(QuizCommands.NewQuestion in) {
    QuestionDef def =
        new QuestionDef(
            QuestionType.fromValue(in.type()),
            in.text().strip(),
            in.points() == null ? 1 : in.points(),
            options(in.options(), List.of()),
            in.correctAnswer(),
            accepted(in.acceptedAnswers()),
            cleared(in.explanation()));
    return validate(def);
  }

  static QuestionDef change(QuestionDef current, QuizCommands.QuestionChanges in) {
    QuestionType type = in.type() == null ? current.type() : QuestionType.fromValue(in.type());
    QuestionDef def =
        new QuestionDef(
            type,
            in.text() == null ? current.text() : in.text().strip(),
            in.points() == null ? current.points() : in.points(),
            in.options() == null ? current.options() : options(in.options(), current.options()),
            in.correctAnswer() == null ? current.correctAnswer() : in.correctAnswer(),
            in.acceptedAnswers() == null
                ? current.acceptedAnswers()
                : accepted(in.acceptedAnswers()),
            in.explanation() == null ? current.explanation() : cleared(in.explanation()));
    return validate(def);
  }

  private static QuestionDef validate(QuestionDef def) {
    List<Violation> problems = new ArrayList<>();
    switch (def.type()) {
      case MULTIPLE_CHOICE -> {
        if (def.options().size() < 2) {
          problems.add(new Violation("options", "a multiple-choice question needs at least 2"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < def.options().size(); i++) {
          if (!ids.add(def.options().get(i).id())) {
            problems.add(new Violation("options[" + i + "].id", "option ids must be unique"));
          }
        }
        if (def.options().stream().noneMatch(QuestionDef.Option::correct)) {
          problems.add(new Violation("options", "at least one option must be correct"));
        }
      }
      case TRUE_FALSE -> {
        if (def.correctAnswer() == null) {
          problems.add(new Violation("correctAnswer", "a true/false question needs true or false"));
        }
      }
      case SHORT_ANSWER -> {
        if (def.acceptedAnswers().isEmpty()) {
          problems.add(
              new Violation("acceptedAnswers", "a short-answer question needs an accepted answer"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw LmsException.validation(
          "quiz.invalid-question",
          "The question is incomplete: " + problems.size() + " problem(s).",
          problems);
    }
    // Keep only what the type uses, so that a type change leaves no stale answer key behind.
    return new QuestionDef(
        def.type(),
        def.text(),
        def.points(),
        def.type() == QuestionType.MULTIPLE_CHOICE ? def.options() : List.of(),
        def.type() == QuestionType.TRUE_FALSE ? def.correctAnswer() : null,
        def.type() == QuestionType.SHORT_ANSWER ? def.acceptedAnswers() : List.of(),
        def.explanation());
  }

  /** Options as sent; those without an id get a new one (never one already in use). */
  private static List<QuestionDef.Option> options(
      List<QuizCommands.Option> given, List<QuestionDef.Option> current) {
    if (given == null) {
      return List.of();
    }
    Set<String> used = new HashSet<>();
    current.forEach(o -> used.add(o.id()));
    given.stream().filter(o -> o.id() != null).forEach(o -> used.add(o.id()));
    List<QuestionDef.Option> options = new ArrayList<>();
    for (QuizCommands.Option o : given) {
      String id = o.id();
      while (id == null || (o.id() == null && !used.add(id))) {
        id = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      }
      options.add(new QuestionDef.Option(id, o.text().strip(), Boolean.TRUE.equals(o.correct())));
    }
    return options;
  }

  private static List<String> accepted(List<String> given) {
    if (given == null) {
      return List.of();
    }
    return given.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
  }

  private static String cleared(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
