package io.lectern.app.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small Common Cartridges and QTI packages the tests build themselves, so that the import is proved
 * even where the real exported fixtures are absent.
 */
final class Cartridges {

  private Cartridges() {}

  static final String CC11 = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1";

  /**
   * A CC 1.1 cartridge: module "Week 1" holding a page (with an image, a script, a link to a
   * missing file), a web link, a QTI 1.2 quiz (multiple choice, true/false, short answer, multiple
   * response, essay) and a discussion; module "Deep" nesting four levels; a page not in the
   * outline.
   */
  static byte[] course() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("imsmanifest.xml", Packages.utf8(manifest()));
    files.put(
        "pages/welcome.html",
        Packages.utf8(
            "<html><head><title>Welcome</title><script>alert('head')</script></head><body>"
                + "<h1>Welcome</h1><p onclick=\"steal()\">Read <b>this</b>.</p>"
                + "<script>alert('x')</script>"
                + "<p><img src=\"../web_resources/cat.png\" alt=\"A cat\"/></p>"
                + "<p><a href=\"../web_resources/notes.txt\">notes</a>"
                + " <a href=\"missing.pdf\">gone</a>"
                + " <a href=\"../web_resources/tool.bin\">tool</a>"
                + " <a href=\"javascript:alert(1)\">bad</a>"
                + " <a href=\"https://example.org/more\">more</a></p></body></html>"));
    files.put("web_resources/cat.png", png());
    files.put("web_resources/notes.txt", Packages.utf8("Some notes.\n"));
    // A type uploads refuse (415): reported as skipped, and the import still commits.
    files.put("web_resources/tool.bin", new byte[] {0, 1, 2, 3, (byte) 0xFE, (byte) 0xFF, 0, 7});
    files.put("pages/orphan.html", Packages.utf8("<p>Not in the outline</p>"));
    files.put("pages/deep.html", Packages.utf8("<p>Deep down</p>"));
    files.put(
        "links/site.xml",
        Packages.utf8(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<webLink xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1\">"
                + "<title>Project site</title><url href=\"https://example.org/site\"/></webLink>"));
    files.put("quiz/assessment.xml", Packages.utf8(qti12()));
    files.put(
        "discussion.xml",
        Packages.utf8(
            "<topic xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1\"><title>Talk</title>"
                + "<text texttype=\"text/plain\">Discuss</text></topic>"));
    return Packages.zip(files);
  }

  static String manifest() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<manifest identifier=\"m1\" xmlns=\""
        + CC11
        + "\" xmlns:lomimscc=\"http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest\">"
        + "<metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>"
        + "<lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string>Built Cartridge"
        + "</lomimscc:string></lomimscc:title></lomimscc:general></lomimscc:lom></metadata>"
        + "<organizations><organization identifier=\"org\" structure=\"rooted-hierarchy\">"
        + "<item identifier=\"root\">"
        + "<item identifier=\"week1\"><title>Week 1</title>"
        + "<item identifier=\"i_page\" identifierref=\"r_page\"><title>Welcome page</title></item>"
        + "<item identifier=\"i_link\" identifierref=\"r_link\"><title>Project site</title></item>"
        + "<item identifier=\"i_quiz\" identifierref=\"r_quiz\"><title>Check yourself</title></item>"
        + "<item identifier=\"i_talk\" identifierref=\"r_talk\"><title>Talk</title></item>"
        + "</item>"
        + "<item identifier=\"deep1\"><title>Deep</title>"
        + "<item identifier=\"deep2\"><title>Deeper</title>"
        + "<item identifier=\"deep3\"><title>Deepest</title>"
        + "<item identifier=\"deep4\" identifierref=\"r_deep\"><title>Too deep</title></item>"
        + "</item></item></item>"
        + "</item></organization></organizations>"
        + "<resources>"
        + "<resource identifier=\"r_page\" type=\"webcontent\" href=\"pages/welcome.html\">"
        + "<file href=\"pages/welcome.html\"/><dependency identifierref=\"r_cat\"/></resource>"
        + "<resource identifier=\"r_cat\" type=\"webcontent\" href=\"web_resources/cat.png\">"
        + "<file href=\"web_resources/cat.png\"/></resource>"
        + "<resource identifier=\"r_notes\" type=\"webcontent\" href=\"web_resources/notes.txt\">"
        + "<file href=\"web_resources/notes.txt\"/></resource>"
        + "<resource identifier=\"r_orphan\" type=\"webcontent\" href=\"pages/orphan.html\">"
        + "<file href=\"pages/orphan.html\"/></resource>"
        + "<resource identifier=\"r_deep\" type=\"webcontent\" href=\"pages/deep.html\">"
        + "<file href=\"pages/deep.html\"/></resource>"
        + "<resource identifier=\"r_link\" type=\"imswl_xmlv1p1\"><file href=\"links/site.xml\"/>"
        + "</resource>"
        + "<resource identifier=\"r_quiz\" type=\"imsqti_xmlv1p2/imscc_xmlv1p1/assessment\">"
        + "<file href=\"quiz/assessment.xml\"/></resource>"
        + "<resource identifier=\"r_talk\" type=\"imsdt_xmlv1p1\"><file href=\"discussion.xml\"/>"
        + "</resource>"
        + "</resources></manifest>";
  }

  static String qti12() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<questestinterop xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\">"
        + "<assessment ident=\"a1\" title=\"Check yourself\"><qtimetadata>"
        + field("cc_maxattempts", "3")
        + "</qtimetadata><section ident=\"root_section\">"
        + choiceItem(
            "q_mc",
            "cc.multiple_choice.v0p1",
            "Single",
            "Which is a prime?",
            new String[][] {{"a", "4", "n"}, {"b", "7", "y"}, {"c", "9", "n"}},
            "7 has no divisors",
            "2")
        + choiceItem(
            "q_tf",
            "cc.true_false.v0p1",
            "Single",
            "The sky is blue.",
            new String[][] {{"t", "True", "y"}, {"f", "False", "n"}},
            null,
            null)
        + "<item ident=\"q_sa\"><itemmetadata><qtimetadata>"
        + field("cc_profile", "cc.fib.v0p1")
        + "</qtimetadata></itemmetadata><presentation><material>"
        + "<mattext texttype=\"text/html\">&lt;p&gt;Capital of &lt;b&gt;France&lt;/b&gt;?&lt;/p&gt;"
        + "</mattext></material><response_str ident=\"r1\" rcardinality=\"Single\"><render_fib/>"
        + "</response_str></presentation><resprocessing><respcondition>"
        + "<conditionvar><varequal respident=\"r1\">Paris</varequal>"
        + "<varequal respident=\"r1\">paris</varequal></conditionvar>"
        + "<setvar action=\"Set\" varname=\"SCORE\">100</setvar></respcondition></resprocessing>"
        + "</item>"
        + "<item ident=\"q_mr\"><itemmetadata><qtimetadata>"
        + field("cc_profile", "cc.multiple_response.v0p1")
        + "</qtimetadata></itemmetadata><presentation><material><mattext>Pick the even numbers"
        + "</mattext></material><response_lid ident=\"r1\" rcardinality=\"Multiple\"><render_choice>"
        + label("x2", "2")
        + label("x3", "3")
        + label("x4", "4")
        + "</render_choice></response_lid></presentation><resprocessing><respcondition>"
        + "<conditionvar><and><varequal respident=\"r1\">x2</varequal><not>"
        + "<varequal respident=\"r1\">x3</varequal></not><varequal respident=\"r1\">x4</varequal>"
        + "</and></conditionvar><setvar action=\"Set\" varname=\"SCORE\">100</setvar>"
        + "</respcondition></resprocessing></item>"
        + "<item ident=\"q_essay\"><itemmetadata><qtimetadata>"
        + field("cc_profile", "cc.essay.v0p1")
        + "</qtimetadata></itemmetadata><presentation><material><mattext>Write an essay</mattext>"
        + "</material><response_str ident=\"r1\"><render_fib/></response_str></presentation></item>"
        + "</section></assessment></questestinterop>";
  }

  private static String choiceItem(
      String ident,
      String profile,
      String cardinality,
      String text,
      String[][] options,
      String feedback,
      String points) {
    StringBuilder xml = new StringBuilder();
    xml.append("<item ident=\"")
        .append(ident)
        .append("\"><itemmetadata><qtimetadata>")
        .append(field("cc_profile", profile));
    if (points != null) {
      xml.append(field("points_possible", points));
    }
    xml.append(
            "</qtimetadata></itemmetadata><presentation><material><mattext texttype=\"text/plain\">")
        .append(text)
        .append("</mattext></material><response_lid ident=\"r1\" rcardinality=\"")
        .append(cardinality)
        .append("\"><render_choice>");
    for (String[] o : options) {
      xml.append(label(o[0], o[1]));
    }
    xml.append("</render_choice></response_lid></presentation><resprocessing>");
    for (String[] o : options) {
      if (o[2].equals("y")) {
        xml.append("<respcondition><conditionvar><varequal respident=\"r1\">")
            .append(o[0])
            .append("</varequal></conditionvar><setvar action=\"Set\" varname=\"SCORE\">100")
            .append("</setvar></respcondition>");
      }
    }
    xml.append("</resprocessing>");
    if (feedback != null) {
      xml.append("<itemfeedback ident=\"general_fb\"><flow_mat><material><mattext>")
          .append(feedback)
          .append("</mattext></material></flow_mat></itemfeedback>");
    }
    return xml.append("</item>").toString();
  }

  private static String label(String ident, String text) {
    return "<response_label ident=\""
        + ident
        + "\"><material><mattext>"
        + text
        + "</mattext></material></response_label>";
  }

  private static String field(String label, String entry) {
    return "<qtimetadatafield><fieldlabel>"
        + label
        + "</fieldlabel><fieldentry>"
        + entry
        + "</fieldentry></qtimetadatafield>";
  }

  /** A QTI 2.1 package: a choice item, a text entry item and an extended text (essay) item. */
  static byte[] qti21Package() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "imsmanifest.xml",
        Packages.utf8(
            "<?xml version=\"1.0\"?><manifest identifier=\"p\""
                + " xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"><metadata><schema>QTIv2.1"
                + " Package</schema></metadata><organizations/><resources>"
                + "<resource identifier=\"i1\" type=\"imsqti_item_xmlv2p1\" href=\"items/choice.xml\">"
                + "<file href=\"items/choice.xml\"/></resource>"
                + "<resource identifier=\"i2\" type=\"imsqti_item_xmlv2p1\" href=\"items/text.xml\">"
                + "<file href=\"items/text.xml\"/></resource>"
                + "<resource identifier=\"i3\" type=\"imsqti_item_xmlv2p1\" href=\"items/essay.xml\">"
                + "<file href=\"items/essay.xml\"/></resource>"
                + "</resources></manifest>"));
    files.put("items/choice.xml", Packages.utf8(qti21Choice()));
    files.put(
        "items/text.xml",
        Packages.utf8(
            "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"t1\""
                + " title=\"River\" adaptive=\"false\" timeDependent=\"false\">"
                + "<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\""
                + " baseType=\"string\"><correctResponse><value>Nile</value></correctResponse>"
                + "<mapping defaultValue=\"0\"><mapEntry mapKey=\"Nile\" mappedValue=\"2\"/>"
                + "<mapEntry mapKey=\"The Nile\" mappedValue=\"2\"/></mapping></responseDeclaration>"
                + "<outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\""
                + " normalMaximum=\"2\"/><itemBody><p>Longest river in Africa:"
                + " <textEntryInteraction responseIdentifier=\"RESPONSE\"/></p></itemBody>"
                + "</assessmentItem>"));
    files.put(
        "items/essay.xml",
        Packages.utf8(
            "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"e1\""
                + " title=\"Essay\" adaptive=\"false\" timeDependent=\"false\">"
                + "<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\""
                + " baseType=\"string\"/><itemBody><extendedTextInteraction"
                + " responseIdentifier=\"RESPONSE\"><prompt>Discuss</prompt>"
                + "</extendedTextInteraction></itemBody></assessmentItem>"));
    return Packages.zip(files);
  }

  static String qti21Choice() {
    return "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"c1\""
        + " title=\"Planets\" adaptive=\"false\" timeDependent=\"false\">"
        + "<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\""
        + " baseType=\"identifier\"><correctResponse><value>B</value></correctResponse>"
        + "</responseDeclaration><outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\""
        + " baseType=\"float\"/><itemBody><choiceInteraction responseIdentifier=\"RESPONSE\""
        + " maxChoices=\"1\"><prompt>Which planet is red?</prompt>"
        + "<simpleChoice identifier=\"A\">Venus</simpleChoice>"
        + "<simpleChoice identifier=\"B\">Mars</simpleChoice>"
        + "<simpleChoice identifier=\"C\">Neptune</simpleChoice></choiceInteraction></itemBody>"
        + "<modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"fb\" showHide=\"show\">"
        + "Iron oxide</modalFeedback></assessmentItem>";
  }

  /** A tiny valid PNG header with filler, enough for content detection. */
  static byte[] png() {
    byte[] content = new byte[64];
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H'};
    System.arraycopy(magic, 0, content, 0, magic.length);
    for (int i = magic.length; i < content.length; i++) {
      content[i] = (byte) i;
    }
    return content;
  }
}
