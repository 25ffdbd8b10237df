package io.lectern.interchange.internal;

import static io.lectern.interchange.internal.SafeXml.attr;
import static io.lectern.interchange.internal.SafeXml.child;
import static io.lectern.interchange.internal.SafeXml.children;
import static io.lectern.interchange.internal.SafeXml.descendants;
import static io.lectern.interchange.internal.SafeXml.local;
import static io.lectern.interchange.internal.SafeXml.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a QTI 2.1 {@code assessmentItem}: a single {@code choiceInteraction} (one or several
 * correct choices; two choices "true"/"false" make a true/false question) or a single {@code
 * textEntryInteraction} (short answer) with its correct response or positive mapping. Points come
 * from the SCORE outcome's normal maximum (or the mapping's upper bound), feedback from the first
 * modal feedback. Other interactions are reported.
 */
public final class Qti21Reader {

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "br",
          "li",
          "td",
          "th",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "prompt",
          "simpleChoice");

  private Qti21Reader() {}

  public static boolean isItem(Document doc) {
    return "assessmentItem".equals(local(doc.getDocumentElement()));
  }

  public static void item(Document doc, String fallbackIdentifier, ParsedQuestions out) {
    Element item = doc.getDocumentElement();
    String ident = attr(item, "identifier") == null ? fallbackIdentifier : attr(item, "identifier");
    Element body = child(item, "itemBody");
    List<Element> interactions = new ArrayList<>();
    for (Element e : descendants(body, "*")) {
      if (local(e).endsWith("Interaction")) {
        interactions.add(e);
      }
    }
    if (interactions.size() != 1) {
      out.skip(
          ident,
          "assessmentItem",
          interactions.isEmpty()
              ? "the item has no interaction"
              : "the item has "
                  + interactions.size()
                  + " interactions; Lectern questions have one");
      return;
    }
    Element interaction = interactions.get(0);
    String kind = local(interaction);
    String responseId = attr(interaction, "responseIdentifier");
    Element declaration = null;
    for (Element d : children(item, "responseDeclaration")) {
      if (responseId != null && responseId.equals(attr(d, "identifier"))) {
        declaration = d;
      }
    }
    Set<String> correct = correctValues(declaration);
    ParsedQuestions.Stem stem =
        new ParsedQuestions.Stem(
            ident,
            kind,
            bodyText(body),
            ParsedQuestions.points(maxScore(item, declaration)),
            ParsedQuestions.truncate(modalFeedback(item), ParsedQuestions.MAX_TEXT));
    switch (kind) {
      case "choiceInteraction" -> {
        List<ParsedQuestions.Choice> choices = new ArrayList<>();
        for (Element c : children(interaction, "simpleChoice")) {
          choices.add(new ParsedQuestions.Choice(attr(c, "identifier"), elementText(c)));
        }
        int maxChoices = parseInt(attr(interaction, "maxChoices"), 1);
        if (maxChoices == 1 && ParsedQuestions.isTrueFalse(choices)) {
          out.addTrueFalse(stem, choices, correct);
        } else {
          out.addChoice(stem, choices, correct);
        }
      }
      case "textEntryInteraction" -> out.addShortAnswer(stem, correct);
      default ->
          out.skip(ident, kind, "interaction '" + kind + "' is not supported by Lectern quizzes");
    }
  }

  /** Correct response values, else the mapped keys with a positive value. */
  private static Set<String> correctValues(Element declaration) {
    Set<String> values = new LinkedHashSet<>();
    if (declaration == null) {
      return values;
    }
    for (Element v : descendants(child(declaration, "correctResponse"), "value")) {
      if (!text(v).isEmpty()) {
        values.add(text(v));
      }
    }
    for (Element entry : descendants(child(declaration, "mapping"), "mapEntry")) {
      Double mapped = ParsedQuestions.number(attr(entry, "mappedValue"));
      if (mapped != null && mapped > 0 && attr(entry, "mapKey") != null) {
        values.add(attr(entry, "mapKey"));
      }
    }
    return values;
  }

  private static Double maxScore(Element item, Element declaration) {
    for (Element outcome : children(item, "outcomeDeclaration")) {
      if ("SCORE".equals(attr(outcome, "identifier"))) {
        Double max = ParsedQuestions.number(attr(outcome, "normalMaximum"));
        if (max != null) {
          return max;
        }
      }
      if ("MAXSCORE".equals(attr(outcome, "identifier"))) {
        Double max = ParsedQuestions.number(text(SafeXml.descendant(outcome, "value")));
        if (max != null) {
          return max;
        }
      }
    }
    Element mapping = declaration == null ? null : child(declaration, "mapping");
    return mapping == null ? null : ParsedQuestions.number(attr(mapping, "upperBound"));
  }

  private static String modalFeedback(Element item) {
    Element feedback = child(item, "modalFeedback");
    if (feedback == null) {
      return null;
    }
    String text = elementText(feedback);
    return text.isEmpty() ? null : text;
  }

  /** The item body's text: the interaction contributes only its prompt. */
  private static String bodyText(Element body) {
    StringBuilder out = new StringBuilder();
    collect(body, out, true);
    return out.toString().replaceAll("[\\s\\u00A0]+", " ").strip();
  }

  static String elementText(Element e) {
    StringBuilder out = new StringBuilder();
    collect(e, out, false);
    return out.toString().replaceAll("[\\s\\u00A0]+", " ").strip();
  }

  private static void collect(Node node, StringBuilder out, boolean skipInteractions) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        out.append(n.getNodeValue());
      } else if (n instanceof Element e) {
        String name = local(e);
        if (name.equals("feedbackInline")
            || name.equals("feedbackBlock")
            || name.equals("rubricBlock")) {
          continue;
        }
        if (skipInteractions && name.endsWith("Interaction")) {
          Element prompt = child(e, "prompt");
          if (prompt != null) {
            out.append(' ');
            collect(prompt, out, false);
            out.append(' ');
          }
          continue;
        }
        if (BLOCKS.contains(name)) {
          out.append(' ');
        }
        collect(e, out, skipInteractions);
        if (BLOCKS.contains(name)) {
          out.append(' ');
        }
      }
    }
  }

  private static int parseInt(String text, int fallback) {
    Double value = ParsedQuestions.number(text);
    return value == null ? fallback : value.intValue();
  }
}
