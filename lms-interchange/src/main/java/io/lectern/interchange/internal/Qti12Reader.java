package io.lectern.interchange.internal;

import static io.lectern.interchange.internal.SafeXml.attr;
import static io.lectern.interchange.internal.SafeXml.child;
import static io.lectern.interchange.internal.SafeXml.children;
import static io.lectern.interchange.internal.SafeXml.descendant;
import static io.lectern.interchange.internal.SafeXml.descendants;
import static io.lectern.interchange.internal.SafeXml.local;
import static io.lectern.interchange.internal.SafeXml.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads QTI 1.2 ({@code questestinterop}) as Common Cartridge profiles it and Canvas exports it:
 * single and multiple choice, true/false, short answer and fill-in-the-blank; points from Canvas's
 * {@code points_possible}; general or correct-answer feedback as the explanation. Question groups
 * (sections picking N questions) are imported whole with a note; everything else is reported.
 */
public final class Qti12Reader {

  /**
   * Question kinds (Canvas {@code question_type} or CC {@code cc_profile}) Lectern cannot grade.
   */
  private static final List<String> UNSUPPORTED =
      List.of(
          "essay",
          "file_upload",
          "matching",
          "dropdowns",
          "multiple_blanks",
          "numerical",
          "calculated",
          "text_only",
          "pattern_match");

  private static final Set<String> RESPONSES =
      Set.of("response_lid", "response_str", "response_num", "response_grp", "response_xy");

  /** What the assessment says besides its questions. */
  public record Assessment(
      String identifier, String title, Integer maxAttempts, Integer timeLimitSeconds) {}

  private Qti12Reader() {}

  public static boolean isQti12(Document doc) {
    return "questestinterop".equals(local(doc.getDocumentElement()));
  }

  public static Assessment assessment(Document doc) {
    Element root = doc.getDocumentElement();
    Element assessment = child(root, "assessment");
    if (assessment == null) {
      return new Assessment(null, null, null, null);
    }
    Map<String, String> meta = metadata(child(assessment, "qtimetadata"));
    Integer attempts = wholeNumber(meta.get("cc_maxattempts"));
    Integer minutes = wholeNumber(meta.get("qmd_timelimit"));
    return new Assessment(
        attr(assessment, "ident"),
        attr(assessment, "title"),
        attempts == null || attempts < 1 || attempts > 1000 ? null : attempts,
        minutes == null || minutes < 1 || minutes > 1440 ? null : minutes * 60);
  }

  /** Every question of the document in order, into {@code out}. */
  public static void questions(Document doc, ParsedQuestions out) {
    Element root = doc.getDocumentElement();
    for (Element e : children(root)) {
      switch (local(e)) {
        case "assessment", "section" -> section(e, out);
        case "objectbank" -> section(e, out);
        case "item" -> item(e, out);
        default -> {
          // metadata and the like
        }
      }
    }
  }

  private static void section(Element section, ParsedQuestions out) {
    List<Element> items = new ArrayList<>();
    for (Element e : children(section)) {
      switch (local(e)) {
        case "section" -> section(e, out);
        case "item" -> {
          items.add(e);
          item(e, out);
        }
        default -> {
          // metadata, selection rules
        }
      }
    }
    Element selection = descendant(child(section, "selection_ordering"), "selection");
    if (selection != null && local(section).equals("section")) {
      Integer pick = wholeNumber(text(child(selection, "selection_number")));
      if (items.isEmpty() && descendant(selection, "sourcebank_ref") != null) {
        out.skip(
            attr(section, "ident"),
            "question group",
            "draws "
                + (pick == null ? "" : pick + " ")
                + "questions from a question bank that is not part of the quiz");
      } else if (pick != null && pick < items.size()) {
        out.note(
            attr(section, "ident"),
            "question group '"
                + nonNull(attr(section, "title"))
                + "' picks "
                + pick
                + " of "
                + items.size()
                + " questions at random; all "
                + items.size()
                + " were imported");
      }
    }
  }

  static void item(Element item, ParsedQuestions out) {
    String ident = attr(item, "ident");
    Map<String, String> meta = metadata(descendant(child(item, "itemmetadata"), "qtimetadata"));
    String kind = meta.getOrDefault("question_type", meta.getOrDefault("cc_profile", "question"));
    String lowerKind = kind.toLowerCase(Locale.ROOT);
    for (String unsupported : UNSUPPORTED) {
      if (lowerKind.contains(unsupported)) {
        out.skip(ident, kind, "question type '" + kind + "' is not supported by Lectern quizzes");
        return;
      }
    }
    Element presentation = child(item, "presentation");
    if (presentation == null) {
      out.skip(ident, kind, "the item has no presentation");
      return;
    }
    List<Element> responses = new ArrayList<>();
    for (Element e : descendants(presentation, "*")) {
      if (RESPONSES.contains(local(e))) {
        responses.add(e);
      }
    }
    if (responses.size() != 1) {
      out.skip(
          ident,
          kind,
          responses.isEmpty()
              ? "the item asks for no response"
              : "the item has " + responses.size() + " responses (matching or several blanks)");
      return;
    }
    Element response = responses.get(0);
    ParsedQuestions.Stem stem =
        new ParsedQuestions.Stem(
            ident,
            kind,
            questionText(presentation),
            ParsedQuestions.points(ParsedQuestions.number(meta.get("points_possible"))),
            ParsedQuestions.truncate(feedback(item), ParsedQuestions.MAX_TEXT));
    Set<String> correct = correctValues(item, attr(response, "ident"));
    switch (local(response)) {
      case "response_lid" -> {
        List<ParsedQuestions.Choice> choices = new ArrayList<>();
        for (Element label : descendants(response, "response_label")) {
          choices.add(new ParsedQuestions.Choice(attr(label, "ident"), labelText(label)));
        }
        boolean multiple = "Multiple".equalsIgnoreCase(attr(response, "rcardinality"));
        boolean declaredTrueFalse = lowerKind.contains("true_false") && choices.size() == 2;
        if (!multiple && (declaredTrueFalse || ParsedQuestions.isTrueFalse(choices))) {
          out.addTrueFalse(stem, choices, correct);
          return;
        }
        if (!multiple
            && choices.stream().filter(c -> correct.contains(c.identifier())).count() > 1) {
          out.note(
              ident, "single-choice question with several correct options: any of them counts");
        }
        out.addChoice(stem, choices, correct);
      }
      case "response_str" -> out.addShortAnswer(stem, correct);
      default -> out.skip(ident, kind, "response type '" + local(response) + "' is not supported");
    }
  }

  /** The values a response must equal for a positive score (not those under {@code <not>}). */
  private static Set<String> correctValues(Element item, String responseIdent) {
    Set<String> values = new LinkedHashSet<>();
    Element processing = child(item, "resprocessing");
    for (Element condition : children(processing, "respcondition")) {
      Double score = null;
      for (Element setvar : children(condition, "setvar")) {
        String var = attr(setvar, "varname");
        if (var == null || var.equalsIgnoreCase("SCORE") || var.equalsIgnoreCase("que_score")) {
          score = ParsedQuestions.number(text(setvar));
        }
      }
      if (score == null || score <= 0) {
        continue;
      }
      for (Element equal : descendants(child(condition, "conditionvar"), "varequal")) {
        if (underNot(equal)) {
          continue;
        }
        String respident = attr(equal, "respident");
        if (responseIdent == null || respident == null || respident.equals(responseIdent)) {
          String value = text(equal);
          if (value != null && !value.isEmpty()) {
            values.add(value);
          }
        }
      }
    }
    return values;
  }

  private static boolean underNot(Element e) {
    for (Node n = e.getParentNode(); n instanceof Element p; n = p.getParentNode()) {
      if (local(p).equals("not")) {
        return true;
      }
      if (local(p).equals("conditionvar")) {
        return false;
      }
    }
    return false;
  }

  /** The text of the presentation's own materials (not those of its responses). */
  private static String questionText(Element presentation) {
    StringBuilder text = new StringBuilder();
    for (Element mattext : descendants(presentation, "mattext")) {
      if (insideResponse(mattext, presentation)) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(matText(mattext));
    }
    return text.toString().strip();
  }

  private static boolean insideResponse(Element e, Element stop) {
    for (Node n = e.getParentNode(); n instanceof Element p && p != stop; n = p.getParentNode()) {
      if (RESPONSES.contains(local(p))) {
        return true;
      }
    }
    return false;
  }

  private static String labelText(Element label) {
    StringBuilder text = new StringBuilder();
    for (Element mattext : descendants(label, "mattext")) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(matText(mattext));
    }
    return text.toString().strip();
  }

  /** A {@code mattext}'s text; HTML is reduced to plain text (Lectern questions are plain text). */
  static String matText(Element mattext) {
    String raw = mattext.getTextContent();
    String type = nonNull(attr(mattext, "texttype")).toLowerCase(Locale.ROOT);
    if (type.contains("html") || raw.contains("</") || raw.contains("/>")) {
      return HtmlContent.toText(raw);
    }
    return raw.strip();
  }

  /** General feedback, else the feedback for a correct answer, else the only feedback there is. */
  private static String feedback(Element item) {
    List<Element> all = children(item, "itemfeedback");
    Element chosen = null;
    for (String wanted : List.of("general_fb", "correct_fb")) {
      for (Element f : all) {
        if (wanted.equals(attr(f, "ident"))) {
          chosen = chosen == null ? f : chosen;
        }
      }
    }
    if (chosen == null && all.size() == 1) {
      chosen = all.get(0);
    }
    if (chosen == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Element mattext : descendants(chosen, "mattext")) {
      text.append(matText(mattext)).append(' ');
    }
    String result = text.toString().strip();
    return result.isEmpty() ? null : result;
  }

  private static Map<String, String> metadata(Element qtimetadata) {
    Map<String, String> meta = new HashMap<>();
    for (Element field : children(qtimetadata, "qtimetadatafield")) {
      String label = text(child(field, "fieldlabel"));
      String entry = text(child(field, "fieldentry"));
      if (label != null && entry != null) {
        meta.putIfAbsent(label, entry);
      }
    }
    return meta;
  }

  private static Integer wholeNumber(String text) {
    Double value = ParsedQuestions.number(text);
    return value == null || value > Integer.MAX_VALUE ? null : (int) Math.round(value);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
