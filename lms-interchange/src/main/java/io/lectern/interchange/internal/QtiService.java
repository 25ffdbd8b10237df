package io.lectern.interchange.internal;

import io.lectern.interchange.api.ImportReport;
import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.quiz.api.QuizAuthoring.QuizContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * QTI on its own: items of a QTI 2.1 package (or a single item, or a QTI 1.2 file) appended to an
 * existing quiz, all or nothing; and a quiz written as a QTI 2.1 package.
 */
@ApplicationScoped
public class QtiService {

  @Inject QuizAuthoring quizzes;
  @Inject CourseImporter importer;
  @Inject InterchangeLimits limits;

  @Transactional
  public ImportReport importInto(UUID quizId, byte[] upload) {
    QuizContent quiz = quizzes.quiz(quizId);
    ParsedQuestions parsed = new ParsedQuestions();
    if (PackageArchive.looksLikeZip(upload)) {
      PackageArchive archive = PackageArchive.read(upload, limits).rootedAt("imsmanifest.xml");
      for (String path : itemFiles(archive, parsed)) {
        read(path, archive.files().get(path), parsed);
      }
    } else if (PackageArchive.looksLikeXml(upload)) {
      read("upload.xml", upload, parsed);
    } else {
      throw InterchangeErrors.notAPackage(
          "Send a QTI 2.1 package (zip), a QTI 2.1 assessmentItem or a QTI 1.2 questestinterop"
              + " document.");
    }
    if (parsed.questions.isEmpty() && parsed.skipped.isEmpty()) {
      throw InterchangeErrors.notAPackage("The upload holds no QTI items.");
    }
    ImportRun run = new ImportRun(limits.maxItems());
    importer.addQuestions(run, quizId, parsed);
    return run.report(quiz.courseId(), quizId);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public byte[] export(UUID quizId) {
    return Qti21Writer.write(quizzes.quiz(quizId));
  }

  /** Item files in manifest order; without a manifest every XML file of the package, by path. */
  private List<String> itemFiles(PackageArchive archive, ParsedQuestions parsed) {
    List<String> paths = new ArrayList<>();
    byte[] manifest = archive.files().get("imsmanifest.xml");
    if (manifest != null) {
      Document doc = SafeXml.parse("imsmanifest.xml", manifest, limits.maxXmlBytes());
      for (Element r :
          SafeXml.children(SafeXml.child(doc.getDocumentElement(), "resources"), "resource")) {
        String type = SafeXml.attr(r, "type") == null ? "" : SafeXml.attr(r, "type");
        String href = SafeXml.attr(r, "href");
        if (href == null && SafeXml.child(r, "file") != null) {
          href = SafeXml.attr(SafeXml.child(r, "file"), "href");
        }
        String path = href == null ? null : PackageArchive.resolve(null, href).orElse(null);
        if (type.startsWith("imsqti_item") || type.contains("imsqti_xmlv1p2")) {
          if (path == null || !archive.files().containsKey(path)) {
            parsed.skip(
                SafeXml.attr(r, "identifier"),
                type,
                "file '" + InterchangeErrors.printable(href) + "' is missing from the package");
          } else {
            paths.add(path);
          }
        } else if (type.startsWith("imsqti_test")) {
          parsed.note(
              SafeXml.attr(r, "identifier"),
              "the assessment test itself is not imported; its items are");
        }
      }
      return paths;
    }
    for (Map.Entry<String, byte[]> e : archive.files().entrySet()) {
      if (PackageArchive.extension(e.getKey()).equals("xml")) {
        paths.add(e.getKey());
      }
    }
    paths.sort(String::compareTo);
    return paths;
  }

  private void read(String path, byte[] bytes, ParsedQuestions parsed) {
    Document doc = SafeXml.parse(path, bytes, limits.maxXmlBytes());
    if (Qti21Reader.isItem(doc)) {
      Qti21Reader.item(doc, path, parsed);
    } else if (Qti12Reader.isQti12(doc)) {
      Qti12Reader.questions(doc, parsed);
    }
  }
}
