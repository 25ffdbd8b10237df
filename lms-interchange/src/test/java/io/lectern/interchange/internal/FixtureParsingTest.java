package io.lectern.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.interchange.api.ImportReport;
import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.quiz.api.QuizAuthoring.QuestionContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parsers on the real exports in ../shared/fixtures/interchange (never copied into the
 * repository). Where that folder is absent the tests are skipped with a message; the self-built
 * packages of the other tests still run.
 */
class FixtureParsingTest {

  private static final Path DIR =
      Path.of(
          System.getProperty("lms.test.interchange-fixtures", "../../shared/fixtures/interchange"));
  private static final InterchangeLimits LIMITS = InterchangeLimits.defaults();

  @BeforeEach
  void fixturesPresent() {
    if (!Files.isDirectory(DIR)) {
      String message = "SKIPPED: no interchange fixtures at " + DIR.toAbsolutePath();
      System.out.println(message);
      Assumptions.assumeTrue(false, message);
    }
  }

  @Test
  void canvasQti12EveryQuestionType() throws IOException {
    ParsedQuestions parsed = new ParsedQuestions();
    Qti12Reader.questions(
        SafeXml.parse(
            "q",
            Files.readAllBytes(DIR.resolve("canvas-qti-1.2-every-question-type-quiz.xml")),
            1 << 24),
        parsed);
    assertThat(parsed.questions)
        .extracting(QuestionContent::type)
        .containsExactly(
            QuizAuthoring.MULTIPLE_CHOICE, QuizAuthoring.TRUE_FALSE, QuizAuthoring.SHORT_ANSWER);
    assertThat(parsed.questions.get(0).options()).hasSize(4);
    assertThat(parsed.questions.get(0).explanation()).isEqualTo("Item Feedback, Neutral");
    assertThat(parsed.questions.get(2).acceptedAnswers()).containsExactly("Blank", "blank");
    assertThat(parsed.skipped)
        .extracting(ImportReport.Skipped::type)
        .containsExactly(
            "fill_in_multiple_blanks_question",
            "multiple_answers_question",
            "multiple_dropdowns_question",
            "matching_question",
            "numerical_question",
            "calculated_question",
            "essay_question");
  }

  @Test
  void imsQti21EntryLevelItems() throws IOException {
    PackageArchive archive =
        PackageArchive.read(
            Files.readAllBytes(
                DIR.resolve("ims-qti-2.1-entry-level-conformance-choice-textentry.zip")),
            LIMITS);
    assertThat(archive.files().keySet()).noneMatch(p -> p.startsWith("__MACOSX"));
    ParsedQuestions parsed = new ParsedQuestions();
    for (String item : List.of("01", "02", "03", "04", "05")) {
      String path = "Items/Item_VE_IP_" + item + "/qtiv2p1_EntryTest_VE_IP_" + item + ".xml";
      Qti21Reader.item(
          SafeXml.parse(path, archive.file(path).orElseThrow(), 1 << 24), path, parsed);
    }
    assertThat(parsed.questions)
        .extracting(QuestionContent::type)
        .containsExactly(
            QuizAuthoring.TRUE_FALSE,
            QuizAuthoring.MULTIPLE_CHOICE,
            QuizAuthoring.MULTIPLE_CHOICE,
            QuizAuthoring.SHORT_ANSWER);
    assertThat(parsed.questions.get(2).options().stream().filter(QuizAuthoring.Option::correct))
        .hasSize(3);
    assertThat(parsed.questions.get(2).points()).isEqualTo(3);
    assertThat(parsed.questions.get(3).acceptedAnswers()).contains("Lake Michigan", "Michigan");
    assertThat(parsed.skipped)
        .singleElement()
        .satisfies(s -> assertThat(s.type()).isEqualTo("extendedTextInteraction"));
  }

  @Test
  void cartridgeManifestsOfEveryVersion() throws IOException {
    Cartridge cc11 = cartridge("canvas-cc-1.1-two-modules-weblinks-lti-empty-quizzes.imscc");
    assertThat(cc11.version()).isEqualTo("1.1.0");
    assertThat(cc11.items())
        .extracting(Cartridge.Item::title)
        .containsExactly("Module 1", "Module 2");
    assertThat(cc11.items().get(0).children()).hasSize(8);
    Cartridge cc13 = cartridge("canvas-cc-1.3-loaded-course-modules-quizzes-weblink.imscc");
    assertThat(cc13.version()).isEqualTo("1.3.0");
    assertThat(cc13.title()).isEqualTo("Loaded Course");
    assertThat(cc13.resources()).hasSize(120);
    Cartridge validation =
        cartridge("ims-cc-1.1-validation-cartridge-nested-folders-weblinks-qti.zip");
    assertThat(validation.items())
        .extracting(Cartridge.Item::title)
        .containsExactly("Your Mom, Research, & You", "Attachment module", "Misc Module");
    assertThat(validation.items().get(1).children().get(1).children().get(1).children())
        .extracting(Cartridge.Item::title)
        .containsExactly("Assignment 2");
  }

  private static Cartridge cartridge(String name) throws IOException {
    PackageArchive archive = PackageArchive.read(Files.readAllBytes(DIR.resolve(name)), LIMITS);
    return Cartridge.read(
        SafeXml.parse("imsmanifest.xml", archive.file("imsmanifest.xml").orElseThrow(), 1 << 24));
  }
}
