package io.lectern.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.quiz.api.QuizAuthoring.Option;
import io.lectern.quiz.api.QuizAuthoring.QuestionContent;
import io.lectern.quiz.api.QuizAuthoring.QuizContent;
import io.lectern.quiz.api.QuizAuthoring.QuizSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** QTI 1.2 and 2.1 reading and writing, and HTML sanitising. */
class QtiAndHtmlTest {

  private static Document xml(String text) {
    return SafeXml.parse("t.xml", text.getBytes(StandardCharsets.UTF_8), 1 << 20);
  }

  private static final List<QuestionContent> QUESTIONS =
      List.of(
          new QuestionContent(
              QuizAuthoring.MULTIPLE_CHOICE,
              "Pick one <of> these & that",
              3,
              List.of(new Option("a", "Alpha", false), new Option("1b", "Beta", true)),
              null,
              List.of(),
              "Because"),
          new QuestionContent(
              QuizAuthoring.MULTIPLE_CHOICE,
              "Pick many",
              1,
              List.of(
                  new Option("x", "X", true),
                  new Option("y", "Y", false),
                  new Option("z", "Z", true)),
              null,
              List.of(),
              null),
          new QuestionContent(
              QuizAuthoring.TRUE_FALSE, "Is it?", 2, List.of(), false, List.of(), null),
          new QuestionContent(
              QuizAuthoring.SHORT_ANSWER,
              "Name it",
              1,
              List.of(),
              null,
              List.of("Foo", "foo bar"),
              "Hint"));

  @Test
  void qti12WrittenByTheExportReadsBackAsTheSameQuestions() {
    QuizContent quiz =
        new QuizContent(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            new QuizSettings("Quiz", null, 70, 600, 3, true),
            QUESTIONS);
    Document doc = xml(new String(Qti12Writer.write("r1", quiz), StandardCharsets.UTF_8));
    ParsedQuestions parsed = new ParsedQuestions();
    Qti12Reader.questions(doc, parsed);
    assertThat(parsed.skipped).isEmpty();
    assertThat(parsed.questions).isEqualTo(QUESTIONS);
    Qti12Reader.Assessment meta = Qti12Reader.assessment(doc);
    assertThat(meta.title()).isEqualTo("Quiz");
    assertThat(meta.maxAttempts()).isEqualTo(3);
    assertThat(meta.timeLimitSeconds()).isEqualTo(600);
  }

  @Test
  void qti21WrittenByTheExportReadsBackAsTheSameQuestions() {
    List<QuestionContent> back = new ArrayList<>();
    for (int i = 0; i < QUESTIONS.size(); i++) {
      ParsedQuestions parsed = new ParsedQuestions();
      Qti21Reader.item(
          xml(new String(Qti21Writer.item("q" + i, "Q", QUESTIONS.get(i)), StandardCharsets.UTF_8)),
          "q" + i,
          parsed);
      assertThat(parsed.skipped).isEmpty();
      back.addAll(parsed.questions);
    }
    assertThat(back.get(0).options()).extracting(Option::id).containsExactly("a", "o_1b");
    assertThat(back.get(0).text()).isEqualTo(QUESTIONS.get(0).text());
    assertThat(back.get(0).points()).isEqualTo(3);
    assertThat(back.get(0).explanation()).isEqualTo("Because");
    assertThat(back.get(1).options())
        .extracting(Option::correct)
        .containsExactly(true, false, true);
    assertThat(back.get(2).correctAnswer()).isFalse();
    assertThat(back.get(2).type()).isEqualTo(QuizAuthoring.TRUE_FALSE);
    assertThat(back.get(3).acceptedAnswers()).containsExactly("Foo", "foo bar");
  }

  @Test
  void unsupportedQti12QuestionsAreReportedWithTheirKind() {
    String qti =
        "<questestinterop><assessment title='A'><section ident='s'>"
            + "<item ident='e1'><itemmetadata><qtimetadata><qtimetadatafield><fieldlabel>question_type"
            + "</fieldlabel><fieldentry>essay_question</fieldentry></qtimetadatafield></qtimetadata>"
            + "</itemmetadata><presentation><material><mattext>Write</mattext></material>"
            + "<response_str ident='r'/></presentation></item>"
            + "<item ident='m1'><presentation><material><mattext>Match</mattext></material>"
            + "<response_lid ident='r1'><render_choice><response_label ident='a'/></render_choice></response_lid>"
            + "<response_lid ident='r2'><render_choice><response_label ident='b'/></render_choice></response_lid>"
            + "</presentation></item>"
            + "<item ident='n1'><presentation><material><mattext>No key</mattext></material>"
            + "<response_lid ident='r1' rcardinality='Single'><render_choice>"
            + "<response_label ident='a'><material><mattext>A</mattext></material></response_label>"
            + "<response_label ident='b'><material><mattext>B</mattext></material></response_label>"
            + "</render_choice></response_lid></presentation></item>"
            + "</section><section ident='g' title='Group'><selection_ordering><selection>"
            + "<selection_number>1</selection_number></selection></selection_ordering>"
            + "<item ident='g1'><presentation><material><mattext>T?</mattext></material>"
            + "<response_lid ident='r' rcardinality='Single'><render_choice>"
            + "<response_label ident='t'><material><mattext>True</mattext></material></response_label>"
            + "<response_label ident='f'><material><mattext>False</mattext></material></response_label>"
            + "</render_choice></response_lid></presentation><resprocessing><respcondition><conditionvar>"
            + "<varequal respident='r'>t</varequal></conditionvar><setvar>100</setvar></respcondition>"
            + "</resprocessing></item>"
            + "<item ident='g2'><presentation><material><mattext>F?</mattext></material>"
            + "<response_lid ident='r' rcardinality='Single'><render_choice>"
            + "<response_label ident='t'><material><mattext>True</mattext></material></response_label>"
            + "<response_label ident='f'><material><mattext>False</mattext></material></response_label>"
            + "</render_choice></response_lid></presentation><resprocessing><respcondition><conditionvar>"
            + "<varequal respident='r'>f</varequal></conditionvar><setvar>100</setvar></respcondition>"
            + "</resprocessing></item>"
            + "</section></assessment></questestinterop>";
    ParsedQuestions parsed = new ParsedQuestions();
    Qti12Reader.questions(xml(qti), parsed);
    assertThat(parsed.skipped)
        .extracting(s -> s.identifier() + ":" + s.reason())
        .containsExactly(
            "e1:question type 'essay_question' is not supported by Lectern quizzes",
            "m1:the item has 2 responses (matching or several blanks)",
            "n1:no option is marked correct");
    assertThat(parsed.questions)
        .extracting(QuestionContent::correctAnswer)
        .containsExactly(true, false);
    assertThat(parsed.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.message()).contains("picks 1 of 2"));
  }

  @Test
  void htmlIsSanitisedAndLinksRewritten() {
    String html =
        "<h1 style='x'>T</h1><script>alert(1)</script><p onclick='x()'>a &amp; b</p>"
            + "<img src='img/a.png' onerror='x()'><a href='javascript:alert(1)'>j</a>"
            + "<a href='doc.pdf'>d</a><iframe src='https://evil'></iframe><form><input></form>";
    String clean =
        HtmlContent.sanitize(
            html,
            v ->
                v.equals("img/a.png") ? "/api/v1/files/1/content" : v.startsWith("doc") ? null : v);
    assertThat(clean)
        .contains("<h1>T</h1>", "<p>a &amp; b</p>", "<img src=\"/api/v1/files/1/content\" />", "d")
        .doesNotContain(
            "script", "alert", "onclick", "onerror", "iframe", "form", "input", "style", "doc.pdf");
    assertThat(HtmlContent.sanitize(clean, v -> v)).isEqualTo(clean);
    assertThat(HtmlContent.toText("<div><p>Line&nbsp;one</p><p>2 &lt; 3 &#38; &#x41;</p></div>"))
        .isEqualTo("Line one 2 < 3 & A");
    assertThat(HtmlContent.unescape("&#99999999999; &#1114112;"))
        .isEqualTo("&#99999999999; &#1114112;");
  }

  @Test
  void theLecternExtensionIgnoresWhatItDoesNotTrust() {
    String json =
        "{\"format\":\"lectern-course/1\",\"course\":{\"title\":\"T\",\"difficulty\":\"expert\"},"
            + "\"lessons\":{\"i1\":{\"type\":\"video\",\"videoUrl\":\"javascript:x\",\"durationMinutes\":-5,"
            + "\"passingScore\":70}}}";
    PackageArchive archive =
        PackageArchive.read(
            PackageSafetyTest.zip(Map.of(CourseImporter.LECTERN_EXTENSION, json)),
            InterchangeLimits.defaults());
    LecternExtension ext = LecternExtension.read(archive, InterchangeLimits.defaults());
    assertThat(ext.courseTitle()).isEqualTo("T");
    assertThat(ext.difficulty()).isNull();
    assertThat(ext.lesson("i1").videoUrl()).isNull();
    assertThat(ext.lesson("i1").durationMinutes()).isNull();
    assertThat(ext.lesson("i1").passingScore()).isEqualTo(70);
  }
}
