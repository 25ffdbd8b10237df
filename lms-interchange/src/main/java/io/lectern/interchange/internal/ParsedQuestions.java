package io.lectern.interchange.internal;

import io.lectern.interchange.api.ImportReport;
import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.quiz.api.QuizAuthoring.Option;
import io.lectern.quiz.api.QuizAuthoring.QuestionContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Questions read from QTI, with what could not be read and why; and the bounds of Lectern's quiz
 * API that an imported question must meet (the same as the HTTP API's), checked before anything is
 * created so that a too-long text is reported as skipped rather than failing the whole import.
 */
public final class ParsedQuestions {

  static final int MAX_TEXT = 10_000;
  static final int MAX_OPTION_TEXT = 2_000;
  static final int MAX_OPTIONS = 20;
  static final int MAX_ACCEPTED = 50;
  static final int MAX_ACCEPTED_LENGTH = 500;
  static final int MAX_POINTS = 1_000;
  private static final Pattern OPTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  /** What every kind of question shares, read from an item before its answers. */
  record Stem(String identifier, String kind, String text, int points, String explanation) {}

  /** A choice as both QTI versions give it: its identifier and its plain text. */
  record Choice(String identifier, String text) {}

  public final List<QuestionContent> questions = new ArrayList<>();
  public final List<ImportReport.Skipped> skipped = new ArrayList<>();
  public final List<ImportReport.Note> notes = new ArrayList<>();

  void skip(String identifier, String type, String reason) {
    skipped.add(new ImportReport.Skipped(identifier, type, reason));
  }

  void note(String identifier, String message) {
    notes.add(new ImportReport.Note(identifier, message));
  }

  /** Adds the question if it meets the bounds; otherwise records why it was skipped. */
  void add(String identifier, String kind, QuestionContent q) {
    String problem = problem(q);
    if (problem != null) {
      skip(identifier, kind, problem);
      return;
    }
    questions.add(q);
  }

  /** Whether the two choices read "true" and "false" (in any case and order). */
  static boolean isTrueFalse(List<Choice> choices) {
    if (choices.size() != 2) {
      return false;
    }
    Set<String> texts = new LinkedHashSet<>();
    choices.forEach(c -> texts.add(c.text().toLowerCase(Locale.ROOT)));
    return texts.equals(Set.of("true", "false"));
  }

  /** A true/false question: the answer is the text of the choice marked correct. */
  void addTrueFalse(Stem stem, List<Choice> choices, Set<String> correct) {
    Boolean answer = null;
    for (Choice c : choices) {
      if (correct.contains(c.identifier())) {
        answer = "true".equalsIgnoreCase(c.text());
      }
    }
    add(
        stem,
        new QuestionContent(
            QuizAuthoring.TRUE_FALSE,
            stem.text(),
            stem.points(),
            List.of(),
            answer,
            List.of(),
            stem.explanation()));
  }

  /**
   * A choice question, its options keeping the package's identifiers where Lectern accepts them.
   */
  void addChoice(Stem stem, List<Choice> choices, Set<String> correct) {
    List<Option> options = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      Choice c = choices.get(i);
      options.add(
          new Option(
              optionId(c.identifier(), i, used), c.text(), correct.contains(c.identifier())));
    }
    add(
        stem,
        new QuestionContent(
            QuizAuthoring.MULTIPLE_CHOICE,
            stem.text(),
            stem.points(),
            options,
            null,
            List.of(),
            stem.explanation()));
  }

  /** A short-answer question accepting each correct value. */
  void addShortAnswer(Stem stem, Set<String> correct) {
    add(
        stem,
        new QuestionContent(
            QuizAuthoring.SHORT_ANSWER,
            stem.text(),
            stem.points(),
            List.of(),
            null,
            List.copyOf(correct),
            stem.explanation()));
  }

  private void add(Stem stem, QuestionContent q) {
    add(stem.identifier(), stem.kind(), q);
  }

  private static String problem(QuestionContent q) {
    if (q.text() == null || q.text().isBlank()) {
      return "the question has no text";
    }
    if (q.text().length() > MAX_TEXT) {
      return "the question text is longer than " + MAX_TEXT + " characters";
    }
    switch (q.type()) {
      case "multiple_choice" -> {
        if (q.options().size() < 2) {
          return "a choice question needs at least 2 options";
        }
        if (q.options().size() > MAX_OPTIONS) {
          return "more than " + MAX_OPTIONS + " options";
        }
        for (Option o : q.options()) {
          if (o.text() == null || o.text().isBlank()) {
            return "an option has no text (only images or media)";
          }
          if (o.text().length() > MAX_OPTION_TEXT) {
            return "an option is longer than " + MAX_OPTION_TEXT + " characters";
          }
        }
        if (q.options().stream().noneMatch(Option::correct)) {
          return "no option is marked correct";
        }
      }
      case "true_false" -> {
        if (q.correctAnswer() == null) {
          return "the true/false answer is not given";
        }
      }
      case "short_answer" -> {
        if (q.acceptedAnswers().isEmpty()) {
          return "no accepted answer is given";
        }
        if (q.acceptedAnswers().size() > MAX_ACCEPTED) {
          return "more than " + MAX_ACCEPTED + " accepted answers";
        }
        if (q.acceptedAnswers().stream().anyMatch(a -> a.length() > MAX_ACCEPTED_LENGTH)) {
          return "an accepted answer is longer than " + MAX_ACCEPTED_LENGTH + " characters";
        }
      }
      default -> {
        return "unsupported question type " + q.type();
      }
    }
    return null;
  }

  /** Points as Lectern counts them: whole, at least 1, at most 1000. */
  static int points(Double value) {
    if (value == null || value.isNaN() || value <= 0) {
      return 1;
    }
    return (int) Math.max(1, Math.min(MAX_POINTS, Math.round(value)));
  }

  /** The option id if Lectern accepts it, else a positional one. */
  static String optionId(String ident, int index, List<String> used) {
    String id =
        ident != null && OPTION_ID.matcher(ident).matches() && !used.contains(ident)
            ? ident
            : "o" + (index + 1);
    while (used.contains(id)) {
      id = id + "x";
    }
    used.add(id);
    return id;
  }

  static String truncate(String text, int max) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return text.length() <= max ? text : text.substring(0, max);
  }

  static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
