package io.lectern.interchange.internal;

import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.quiz.api.QuizAuthoring.Option;
import io.lectern.quiz.api.QuizAuthoring.QuestionContent;
import io.lectern.quiz.api.QuizAuthoring.QuizContent;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Writes a quiz as a Common Cartridge QTI 1.2 assessment ({@code cc.exam.v0p1}): each question in
 * its CC profile (multiple_choice, multiple_response, true_false, fib), points as Canvas's {@code
 * points_possible}, the explanation as general feedback. Option ids become response label idents,
 * so a re-import keeps them.
 */
final class Qti12Writer {

  static final String NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2";

  private Qti12Writer() {}

  static byte[] write(String ident, QuizContent quiz) {
    XmlOut xml = XmlOut.newDocument();
    Element root = xml.root(NS, "questestinterop");
    Element assessment = xml.add(root, "assessment");
    assessment.setAttribute("ident", ident);
    assessment.setAttribute("title", quiz.settings().title());
    Element meta = xml.add(assessment, "qtimetadata");
    field(xml, meta, "cc_profile", "cc.exam.v0p1");
    field(xml, meta, "qmd_assessmenttype", "Examination");
    field(
        xml,
        meta,
        "cc_maxattempts",
        quiz.settings().maxAttempts() == null
            ? "unlimited"
            : quiz.settings().maxAttempts().toString());
    if (quiz.settings().timeLimitSeconds() != null) {
      field(
          xml,
          meta,
          "qmd_timelimit",
          String.valueOf(Math.max(1, quiz.settings().timeLimitSeconds() / 60)));
    }
    Element section = xml.add(assessment, "section");
    section.setAttribute("ident", "root_section");
    List<QuestionContent> questions = quiz.questions();
    for (int i = 0; i < questions.size(); i++) {
      item(xml, section, ident + "_q" + (i + 1), questions.get(i));
    }
    return xml.bytes();
  }

  private static void item(XmlOut xml, Element section, String ident, QuestionContent q) {
    Element item = xml.add(section, "item");
    item.setAttribute("ident", ident);
    item.setAttribute("title", "Question");
    Element meta = xml.add(xml.add(item, "itemmetadata"), "qtimetadata");
    boolean multiple =
        q.type().equals(QuizAuthoring.MULTIPLE_CHOICE)
            && q.options().stream().filter(Option::correct).count() > 1;
    String profile =
        switch (q.type()) {
          case QuizAuthoring.TRUE_FALSE -> "cc.true_false.v0p1";
          case QuizAuthoring.SHORT_ANSWER -> "cc.fib.v0p1";
          default -> multiple ? "cc.multiple_response.v0p1" : "cc.multiple_choice.v0p1";
        };
    field(xml, meta, "cc_profile", profile);
    field(xml, meta, "points_possible", String.valueOf(q.points()));
    Element presentation = xml.add(item, "presentation");
    mattext(xml, xml.add(presentation, "material"), q.text());
    Element processing;
    switch (q.type()) {
      case QuizAuthoring.SHORT_ANSWER -> {
        Element response = xml.add(presentation, "response_str");
        response.setAttribute("ident", "response1");
        response.setAttribute("rcardinality", "Single");
        xml.add(response, "render_fib").setAttribute("fibtype", "String");
        processing = processing(xml, item);
        for (String accepted : q.acceptedAnswers()) {
          correct(xml, processing, List.of(accepted), List.of());
        }
      }
      case QuizAuthoring.TRUE_FALSE -> {
        Element response = choice(xml, presentation, "Single");
        label(xml, response, "true", "True");
        label(xml, response, "false", "False");
        processing = processing(xml, item);
        correct(
            xml,
            processing,
            List.of(Boolean.TRUE.equals(q.correctAnswer()) ? "true" : "false"),
            List.of());
      }
      default -> {
        Element response = choice(xml, presentation, multiple ? "Multiple" : "Single");
        for (Option o : q.options()) {
          label(xml, response, o.id(), o.text());
        }
        processing = processing(xml, item);
        List<String> right = q.options().stream().filter(Option::correct).map(Option::id).toList();
        List<String> wrong =
            q.options().stream().filter(o -> !o.correct()).map(Option::id).toList();
        if (multiple) {
          correct(xml, processing, right, wrong);
        } else {
          correct(xml, processing, right, List.of());
        }
      }
    }
    if (q.explanation() != null) {
      Element feedback = xml.add(item, "itemfeedback");
      feedback.setAttribute("ident", "general_fb");
      mattext(xml, xml.add(xml.add(feedback, "flow_mat"), "material"), q.explanation());
    }
  }

  private static Element choice(XmlOut xml, Element presentation, String cardinality) {
    Element response = xml.add(presentation, "response_lid");
    response.setAttribute("ident", "response1");
    response.setAttribute("rcardinality", cardinality);
    return xml.add(response, "render_choice");
  }

  private static void label(XmlOut xml, Element render, String ident, String text) {
    Element label = xml.add(render, "response_label");
    label.setAttribute("ident", ident);
    mattext(xml, xml.add(label, "material"), text);
  }

  private static Element processing(XmlOut xml, Element item) {
    Element processing = xml.add(item, "resprocessing");
    Element decvar = xml.add(xml.add(processing, "outcomes"), "decvar");
    decvar.setAttribute("maxvalue", "100");
    decvar.setAttribute("minvalue", "0");
    decvar.setAttribute("varname", "SCORE");
    decvar.setAttribute("vartype", "Decimal");
    return processing;
  }

  /** A condition scoring 100 when every {@code right} value is chosen and no {@code wrong} one. */
  private static void correct(
      XmlOut xml, Element processing, List<String> right, List<String> wrong) {
    Element condition = xml.add(processing, "respcondition");
    condition.setAttribute("continue", "No");
    Element conditionvar = xml.add(condition, "conditionvar");
    Element target = right.size() + wrong.size() > 1 ? xml.add(conditionvar, "and") : conditionvar;
    for (String value : right) {
      xml.add(target, "varequal", value).setAttribute("respident", "response1");
    }
    for (String value : wrong) {
      xml.add(xml.add(target, "not"), "varequal", value).setAttribute("respident", "response1");
    }
    Element setvar = xml.add(condition, "setvar", "100");
    setvar.setAttribute("action", "Set");
    setvar.setAttribute("varname", "SCORE");
  }

  private static void mattext(XmlOut xml, Element material, String text) {
    xml.add(material, "mattext", text).setAttribute("texttype", "text/plain");
  }

  private static void field(XmlOut xml, Element meta, String label, String entry) {
    Element field = xml.add(meta, "qtimetadatafield");
    xml.add(field, "fieldlabel", label);
    xml.add(field, "fieldentry", entry);
  }
}
