package io.lectern.interchange.internal;

import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.quiz.api.QuizAuthoring.Option;
import io.lectern.quiz.api.QuizAuthoring.QuestionContent;
import io.lectern.quiz.api.QuizAuthoring.QuizContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.w3c.dom.Element;

/**
 * Writes a quiz as a QTI 2.1 content package: one {@code assessmentItem} per question
 * (choiceInteraction for choice and true/false, textEntryInteraction with a mapping of the accepted
 * answers for short answer), points as the SCORE outcome's normal maximum, the explanation as modal
 * feedback, and an IMS CP manifest listing the items in order.
 */
final class Qti21Writer {

  static final String QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1";
  static final String CP = "http://www.imsglobal.org/xsd/imscp_v1p1";

  private Qti21Writer() {}

  static byte[] write(QuizContent quiz) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    List<QuestionContent> questions = quiz.questions();
    for (int i = 0; i < questions.size(); i++) {
      entries.put(
          "items/q" + (i + 1) + ".xml",
          item("q" + (i + 1), "Question " + (i + 1), questions.get(i)));
    }
    XmlOut xml = XmlOut.newDocument();
    Element manifest = xml.root(CP, "manifest");
    manifest.setAttribute("identifier", "quiz_" + quiz.id().toString().replace("-", ""));
    Element metadata = xml.add(manifest, "metadata");
    xml.add(metadata, "schema", "QTIv2.1 Package");
    xml.add(metadata, "schemaversion", "1.0.0");
    xml.add(manifest, "organizations");
    Element resources = xml.add(manifest, "resources");
    int n = 1;
    for (String href : entries.keySet()) {
      Element resource = xml.add(resources, "resource");
      resource.setAttribute("identifier", "res_q" + n++);
      resource.setAttribute("type", "imsqti_item_xmlv2p1");
      resource.setAttribute("href", href);
      xml.add(resource, "file").setAttribute("href", href);
    }
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put("imsmanifest.xml", xml.bytes());
    all.putAll(entries);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (var e : all.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] item(String identifier, String title, QuestionContent q) {
    XmlOut xml = XmlOut.newDocument();
    Element item = xml.root(QTI, "assessmentItem");
    item.setAttribute("identifier", identifier);
    item.setAttribute("title", title);
    item.setAttribute("adaptive", "false");
    item.setAttribute("timeDependent", "false");
    boolean text = q.type().equals(QuizAuthoring.SHORT_ANSWER);
    List<Option> options =
        q.type().equals(QuizAuthoring.TRUE_FALSE)
            ? List.of(
                new Option("true", "True", Boolean.TRUE.equals(q.correctAnswer())),
                new Option("false", "False", !Boolean.TRUE.equals(q.correctAnswer())))
            : q.options();
    long correctCount = options.stream().filter(Option::correct).count();
    Element response = xml.add(item, "responseDeclaration");
    response.setAttribute("identifier", "RESPONSE");
    response.setAttribute("cardinality", !text && correctCount > 1 ? "multiple" : "single");
    response.setAttribute("baseType", text ? "string" : "identifier");
    Element correct = xml.add(response, "correctResponse");
    if (text) {
      xml.add(correct, "value", q.acceptedAnswers().get(0));
      Element mapping = xml.add(response, "mapping");
      mapping.setAttribute("defaultValue", "0");
      for (String accepted : q.acceptedAnswers()) {
        Element entry = xml.add(mapping, "mapEntry");
        entry.setAttribute("mapKey", accepted);
        entry.setAttribute("mappedValue", String.valueOf(q.points()));
      }
    } else {
      for (Option o : options) {
        if (o.correct()) {
          xml.add(correct, "value", choiceId(o.id()));
        }
      }
    }
    Element score = xml.add(item, "outcomeDeclaration");
    score.setAttribute("identifier", "SCORE");
    score.setAttribute("cardinality", "single");
    score.setAttribute("baseType", "float");
    score.setAttribute("normalMaximum", String.valueOf(q.points()));
    xml.add(xml.add(score, "defaultValue"), "value", "0");
    if (q.explanation() != null) {
      Element feedback = xml.add(item, "outcomeDeclaration");
      feedback.setAttribute("identifier", "FEEDBACK");
      feedback.setAttribute("cardinality", "single");
      feedback.setAttribute("baseType", "identifier");
    }
    Element body = xml.add(item, "itemBody");
    if (text) {
      xml.add(body, "p", q.text());
      Element p = xml.add(body, "p");
      Element entry = xml.add(p, "textEntryInteraction");
      entry.setAttribute("responseIdentifier", "RESPONSE");
      entry.setAttribute("expectedLength", "20");
    } else {
      Element choice = xml.add(body, "choiceInteraction");
      choice.setAttribute("responseIdentifier", "RESPONSE");
      choice.setAttribute("shuffle", "false");
      choice.setAttribute("maxChoices", correctCount > 1 ? "0" : "1");
      xml.add(choice, "prompt", q.text());
      for (Option o : options) {
        Element simple = xml.add(choice, "simpleChoice", o.text());
        simple.setAttribute("identifier", choiceId(o.id()));
      }
    }
    Element processing = xml.add(item, "responseProcessing");
    processing.setAttribute(
        "template",
        text
            ? "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"
            : "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct");
    if (q.explanation() != null) {
      Element modal = xml.add(item, "modalFeedback", q.explanation());
      modal.setAttribute("outcomeIdentifier", "FEEDBACK");
      modal.setAttribute("identifier", "general");
      modal.setAttribute("showHide", "hide");
    }
    return xml.bytes();
  }

  /** QTI identifiers are NCNames: an option id starting with a digit or '-' gets a prefix. */
  static String choiceId(String id) {
    return Character.isLetter(id.charAt(0)) || id.charAt(0) == '_' ? id : "o_" + id;
  }
}
