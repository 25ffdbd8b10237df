package io.lectern.interchange.internal;

import static io.lectern.interchange.internal.SafeXml.attr;
import static io.lectern.interchange.internal.SafeXml.child;
import static io.lectern.interchange.internal.SafeXml.text;

import io.lectern.certificates.api.CourseFiles;
import io.lectern.courses.api.CourseAuthoring;
import io.lectern.courses.api.LessonType;
import io.lectern.interchange.api.ImportReport;
import io.lectern.interchange.internal.Cartridge.Item;
import io.lectern.interchange.internal.Cartridge.Resource;
import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.quiz.api.QuizAuthoring.QuestionContent;
import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Imports a Common Cartridge as a draft course of the caller, all or nothing: the organization
 * becomes nested lessons in order, web content sanitised text lessons whose links to package files
 * point at uploaded copies, web links link lessons, assignments assignment lessons, QTI 1.2
 * assessments quiz lessons with their quiz. Everything else is listed in the report with a reason.
 */
@ApplicationScoped
public class CourseImporter {

  /** Lectern nests lessons at most this deep; deeper items are placed at this level. */
  static final int MAX_DEPTH = 3;

  static final int MAX_TITLE = 500;
  static final int MAX_CONTENT = 200_000;
  static final String FILEBASE = "$IMS-CC-FILEBASE$";
  static final String LECTERN_EXTENSION = "lectern/course.json";

  private static final Pattern BODY = Pattern.compile("(?is)<body[^>]*>(.*)</body>");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Set<String> IMAGE_TYPES = Set.of("png", "jpg", "jpeg", "gif", "webp");

  @Inject CourseAuthoring courses;
  @Inject QuizAuthoring quizzes;
  @Inject CourseFiles files;
  @Inject InterchangeLimits limits;

  @Transactional
  public ImportReport importCourse(byte[] upload) {
    PackageArchive archive = PackageArchive.read(upload, limits).rootedAt("imsmanifest.xml");
    byte[] manifestBytes =
        archive
            .file("imsmanifest.xml")
            .orElseThrow(
                () ->
                    InterchangeErrors.notAPackage(
                        "The zip archive has no imsmanifest.xml: it is not an IMS Common"
                            + " Cartridge."));
    Cartridge cartridge =
        Cartridge.read(SafeXml.parse("imsmanifest.xml", manifestBytes, limits.maxXmlBytes()));
    LecternExtension extension = LecternExtension.read(archive, limits);
    Run run = new Run(archive, cartridge, extension, new ImportRun(limits.maxItems()));
    String title =
        clip(firstNonBlank(extension.courseTitle(), cartridge.title(), "Imported course"));
    UUID courseId =
        courses.createDraft(
            new CourseAuthoring.NewCourse(
                title,
                extension.description() != null
                    ? extension.description()
                    : clipText(cartridge.description(), 20_000),
                extension.category(),
                extension.difficulty(),
                extension.estimatedDurationMinutes()));
    run.courseId = courseId;
    UUID[] parents = new UUID[MAX_DEPTH + 1];
    for (Item item : cartridge.items()) {
      place(run, item, parents, 1);
    }
    reportUnplaced(run);
    return run.result.report(courseId, null);
  }

  /** One import's state. */
  private static final class Run {
    final PackageArchive archive;
    final Cartridge cartridge;
    final LecternExtension extension;
    final ImportRun result;
    final Map<String, Optional<CourseFiles.StoredFile>> uploaded = new HashMap<>();
    final Set<String> used = new HashSet<>();
    UUID courseId;

    Run(PackageArchive archive, Cartridge cartridge, LecternExtension extension, ImportRun result) {
      this.archive = archive;
      this.cartridge = cartridge;
      this.extension = extension;
      this.result = result;
    }
  }

  /** Creates the item's lesson under {@code parents[depth - 1]}, then its children. */
  private void place(Run run, Item item, UUID[] parents, int depth) {
    int level = Math.min(depth, MAX_DEPTH);
    if (depth > MAX_DEPTH) {
      run.result.note(
          item.identifier(),
          "nested "
              + depth
              + " levels deep; Lectern nests lessons at most "
              + MAX_DEPTH
              + " levels, so it was placed at level "
              + MAX_DEPTH);
    }
    UUID parent = parents[level - 1];
    UUID lesson = createLesson(run, item, parent);
    if (lesson == null) {
      // The item was skipped; its children still belong to the outline, one level up.
      for (Item child : item.children()) {
        place(run, child, parents, depth);
      }
      return;
    }
    if (level < MAX_DEPTH) {
      parents[level] = lesson;
    }
    for (Item child : item.children()) {
      place(run, child, parents, depth + 1);
    }
  }

  /** The lesson for one item, or null when it is skipped (recorded in the report). */
  private UUID createLesson(Run run, Item item, UUID parent) {
    String ref = item.identifierref();
    if (ref == null) {
      return addLesson(run, item, parent, LessonType.TEXT, null, null, null, "folders");
    }
    run.used.add(ref);
    Resource resource = run.cartridge.resources().get(ref);
    if (resource == null) {
      run.result.skip(
          item.identifier(),
          "item",
          "refers to resource '" + ref + "', which the manifest does not define");
      return null;
    }
    run.used.addAll(resource.dependencies());
    String type = resource.lowerType();
    if (type.equals("webcontent")) {
      return webContent(run, item, resource, parent);
    }
    if (type.startsWith("imswl_")) {
      return webLink(run, item, resource, parent);
    }
    if (type.startsWith("imsqti_xmlv1p2") && type.endsWith("/assessment")) {
      return assessment(run, item, resource, parent);
    }
    if (type.startsWith("assignment_") || isCanvasAssignment(resource)) {
      return assignment(run, item, resource, parent);
    }
    run.result.skip(item.identifier(), resource.type(), unsupportedReason(type));
    return null;
  }

  private static String unsupportedReason(String type) {
    if (type.startsWith("imsdt_")) {
      return "discussion topics are not supported";
    }
    if (type.startsWith("imsbasiclti_") || type.contains("lti")) {
      return "LTI links are not supported yet (they will become LTI lessons)";
    }
    if (type.contains("question-bank")) {
      return "question banks are not course content";
    }
    return "resource type '" + type + "' is not supported";
  }

  private UUID webContent(Run run, Item item, Resource resource, UUID parent) {
    String path = PackageArchive.resolve(null, resource.mainFile()).orElse(null);
    Optional<byte[]> bytes = path == null ? Optional.empty() : run.archive.file(path);
    if (bytes.isEmpty()) {
      run.result.skip(item.identifier(), resource.type(), missing(resource.mainFile()));
      return null;
    }
    String extension = PackageArchive.extension(path);
    if (extension.equals("html") || extension.equals("htm")) {
      String html = page(run, item.identifier(), path, bytes.get());
      if (html == null) {
        return null;
      }
      return addLesson(run, item, parent, LessonType.TEXT, html, null, null, "pages");
    }
    Optional<CourseFiles.StoredFile> stored = upload(run, item.identifier(), path);
    if (stored.isEmpty()) {
      return null;
    }
    String name = HtmlContent.escape(stored.get().name());
    String url = stored.get().downloadUrl();
    String html =
        IMAGE_TYPES.contains(extension)
            ? "<p><img src=\"" + url + "\" alt=\"" + name + "\" /></p>"
            : "<p><a href=\"" + url + "\">" + name + "</a></p>";
    return addLesson(
        run, item, parent, LessonType.TEXT, html, null, kind("file", null), "fileLessons");
  }

  private UUID webLink(Run run, Item item, Resource resource, UUID parent) {
    Document doc = xml(run, item, resource);
    if (doc == null) {
      return null;
    }
    Element url = child(doc.getDocumentElement(), "url");
    String href = attr(url, "href");
    if (href == null || !href.matches("(?i)https?://\\S{1,990}")) {
      run.result.skip(item.identifier(), resource.type(), "the web link has no http(s) URL");
      return null;
    }
    String linkTitle = text(child(doc.getDocumentElement(), "title"));
    String label = HtmlContent.escape(firstNonBlank(linkTitle, item.title(), href));
    String html = "<p><a href=\"" + HtmlContent.escape(href) + "\">" + label + "</a></p>";
    Item titled =
        new Item(
            item.identifier(),
            item.identifierref(),
            firstNonBlank(item.title(), linkTitle, href),
            item.children());
    return addLesson(
        run, titled, parent, LessonType.TEXT, html, null, kind("weblink", href), "links");
  }

  private UUID assignment(Run run, Item item, Resource resource, UUID parent) {
    String main = PackageArchive.resolve(null, resource.mainFile()).orElse(null);
    Optional<byte[]> bytes = main == null ? Optional.empty() : run.archive.file(main);
    if (bytes.isEmpty()) {
      run.result.skip(item.identifier(), resource.type(), missing(resource.mainFile()));
      return null;
    }
    String html;
    if (PackageArchive.extension(main).equals("xml")) {
      Document doc = SafeXml.parse(main, bytes.get(), limits.maxXmlBytes());
      String text = text(child(doc.getDocumentElement(), "text"));
      html = text == null ? "" : text;
    } else {
      html = new String(bytes.get(), StandardCharsets.UTF_8);
    }
    String clean = sanitize(run, item.identifier(), main, body(html));
    if (clean == null) {
      return null;
    }
    return addLesson(run, item, parent, LessonType.ASSIGNMENT, clean, null, null, "assignments");
  }

  private UUID assessment(Run run, Item item, Resource resource, UUID parent) {
    Document doc = xml(run, item, resource);
    if (doc == null) {
      return null;
    }
    if (!Qti12Reader.isQti12(doc)) {
      run.result.skip(
          item.identifier(), resource.type(), "the assessment is not QTI 1.2 (questestinterop)");
      return null;
    }
    Document canvas = canvasQuiz(run, resource);
    if (canvas != null) {
      doc = canvas;
      run.result.note(
          item.identifier(),
          "read from Canvas's own quiz export (non_cc_assessments), which keeps question groups"
              + " and the question types the Common Cartridge copy leaves out");
    }
    Qti12Reader.Assessment meta = Qti12Reader.assessment(doc);
    ParsedQuestions parsed = new ParsedQuestions();
    Qti12Reader.questions(doc, parsed);
    UUID lesson = addLesson(run, item, parent, LessonType.QUIZ, null, null, null, null);
    String title = clip(firstNonBlank(meta.title(), item.title(), "Quiz"));
    LecternExtension.LessonExtra extra = run.extension.lesson(item.identifier());
    Integer passing = extra == null ? null : extra.passingScore();
    String description = extra == null ? null : extra.quizDescription();
    QuizAuthoring.QuizSettings draft =
        new QuizAuthoring.QuizSettings(
            title, description, passing, meta.timeLimitSeconds(), meta.maxAttempts(), false);
    UUID quizId = quizzes.putQuiz(lesson, draft);
    run.result.count("quizzes");
    addQuestions(run.result, quizId, parsed);
    if (!parsed.questions.isEmpty()) {
      quizzes.putQuiz(
          lesson,
          new QuizAuthoring.QuizSettings(
              title, description, passing, meta.timeLimitSeconds(), meta.maxAttempts(), true));
    } else {
      run.result.note(
          item.identifier(), "the quiz has no importable questions; it is left unpublished");
    }
    return lesson;
  }

  /**
   * Canvas ships each quiz twice: a Common Cartridge profile of it and, listed with the quiz's
   * metadata, its own full QTI 1.2 export ({@code non_cc_assessments/*.xml.qti}). The latter is
   * read when present.
   */
  private Document canvasQuiz(Run run, Resource resource) {
    for (String dependency : resource.dependencies()) {
      Resource meta = run.cartridge.resources().get(dependency);
      if (meta == null) {
        continue;
      }
      for (String file : meta.files()) {
        Optional<String> path = PackageArchive.resolve(null, file);
        if (path.isPresent()
            && path.get().startsWith("non_cc_assessments/")
            && path.get().endsWith(".xml.qti")
            && run.archive.file(path.get()).isPresent()) {
          Document doc =
              SafeXml.parse(path.get(), run.archive.file(path.get()).get(), limits.maxXmlBytes());
          return Qti12Reader.isQti12(doc) ? doc : null;
        }
      }
    }
    return null;
  }

  /** Adds every parsed question to the quiz and reports the rest. */
  void addQuestions(ImportRun result, UUID quizId, ParsedQuestions parsed) {
    for (QuestionContent question : parsed.questions) {
      result.count("questions");
      quizzes.addQuestion(quizId, question);
    }
    result.absorb(parsed);
  }

  private UUID addLesson(
      Run run,
      Item item,
      UUID parent,
      LessonType type,
      String content,
      String videoUrl,
      JsonObject metadata,
      String kind) {
    LecternExtension.LessonExtra extra = run.extension.lesson(item.identifier());
    LessonType actualType = extra != null && extra.type() != null ? extra.type() : type;
    String title = clip(firstNonBlank(item.title(), "Untitled"));
    JsonObject meta = metadata;
    if (extra != null
        && extra.type() != null
        && extra.type() != type
        && extra.type() != LessonType.QUIZ
        && type != LessonType.QUIZ) {
      // The package carried this lesson in a portable form (a link, a page); restore Lectern's own.
      videoUrl = extra.videoUrl();
      meta = null;
      if (extra.content() != null) {
        content = sanitize(run, item.identifier(), null, extra.content());
      } else if (extra.type() == LessonType.VIDEO) {
        content = null; // the link to the video was only the portable form
      }
    } else if (extra != null && content == null && extra.content() != null) {
      content = sanitize(run, item.identifier(), null, extra.content());
    }
    UUID id =
        courses.addLesson(
            run.courseId,
            new CourseAuthoring.NewLesson(
                parent,
                title,
                actualType,
                extra == null ? null : extra.description(),
                content,
                videoUrl,
                extra == null ? null : extra.durationMinutes(),
                extra != null && extra.preview(),
                meta));
    run.result.count("lessons");
    if (actualType != type) {
      run.result.count(actualType == LessonType.VIDEO ? "videos" : actualType.value() + "s");
    } else if (kind != null) {
      run.result.count(kind);
    }
    if (type == LessonType.QUIZ) {
      run.result.count("quizLessons");
    }
    return id;
  }

  /** The sanitised body of an HTML page of the package, or null when skipped. */
  private String page(Run run, String identifier, String path, byte[] bytes) {
    return sanitize(run, identifier, path, body(new String(bytes, StandardCharsets.UTF_8)));
  }

  private String sanitize(Run run, String identifier, String baseFile, String html) {
    String clean = HtmlContent.sanitize(html, value -> rewrite(run, identifier, baseFile, value));
    if (clean.length() > MAX_CONTENT) {
      run.result.skip(
          identifier,
          "webcontent",
          "the page is longer than " + MAX_CONTENT + " characters once cleaned");
      return null;
    }
    return clean;
  }

  /** Where a link or image of a page points once imported; null drops it. */
  private String rewrite(Run run, String identifier, String baseFile, String value) {
    String href = value.strip();
    String lower = href.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://")
        || lower.startsWith("https://")
        || lower.startsWith("mailto:")) {
      return href;
    }
    if (href.startsWith("#")) {
      return href;
    }
    if (SCHEME.matcher(href).lookingAt()) {
      return null; // javascript:, data:, file: and the like are not content
    }
    Optional<String> target;
    String rest =
        href.startsWith(FILEBASE)
            ? href.substring(FILEBASE.length())
            : href.startsWith("%24IMS-CC-FILEBASE%24") ? href.substring(21) : null;
    if (rest != null) {
      String relative = rest.startsWith("/") ? rest.substring(1) : rest;
      target =
          PackageArchive.resolve(baseFile, relative).filter(p -> run.archive.file(p).isPresent());
      if (target.isEmpty()) {
        target = PackageArchive.resolve("web_resources/", relative);
      }
    } else if (href.startsWith("$") || href.startsWith("%24")) {
      run.result.note(
          identifier,
          "a link to another item of the source system ("
              + InterchangeErrors.printable(href)
              + ") was removed");
      return null;
    } else {
      target = PackageArchive.resolve(baseFile, href);
    }
    if (target.isEmpty() || run.archive.file(target.get()).isEmpty()) {
      run.result.note(
          identifier,
          "a link to '"
              + InterchangeErrors.printable(href)
              + "', which is not in the package, was removed");
      return null;
    }
    String ext = PackageArchive.extension(target.get());
    if (ext.equals("html") || ext.equals("htm")) {
      run.result.note(
          identifier,
          "a link to another page of the package ("
              + InterchangeErrors.printable(href)
              + ") was removed");
      return null;
    }
    return upload(run, identifier, target.get())
        .map(CourseFiles.StoredFile::downloadUrl)
        .orElse(null);
  }

  /** Uploads a package file once; a refusal is reported and the links to it are dropped. */
  private Optional<CourseFiles.StoredFile> upload(Run run, String identifier, String path) {
    return run.uploaded.computeIfAbsent(
        path,
        p -> {
          byte[] bytes = run.archive.file(p).orElse(new byte[0]);
          String name = p.substring(p.lastIndexOf('/') + 1);
          try {
            CourseFiles.StoredFile stored =
                files.store(name, bytes, "course-imports/" + run.courseId);
            run.result.count("files");
            return Optional.of(stored);
          } catch (LmsException e) {
            run.result.skip(
                p, "file", "not stored: " + e.getMessage() + " (used by " + identifier + ")");
            return Optional.empty();
          }
        });
  }

  private Document xml(Run run, Item item, Resource resource) {
    String main = PackageArchive.resolve(null, resource.mainFile()).orElse(null);
    Optional<byte[]> bytes = main == null ? Optional.empty() : run.archive.file(main);
    if (bytes.isEmpty()) {
      run.result.skip(item.identifier(), resource.type(), missing(resource.mainFile()));
      return null;
    }
    return SafeXml.parse(main, bytes.get(), limits.maxXmlBytes());
  }

  /** Resources no imported item used, each with the reason it was left out. */
  private static void reportUnplaced(Run run) {
    for (Resource r : run.cartridge.resources().values()) {
      if (run.used.contains(r.identifier())
          || run.uploaded.containsKey(r.mainFile())
          || (LECTERN_EXTENSION.equals(r.mainFile()) && run.extension != LecternExtension.none())) {
        continue;
      }
      String type = r.lowerType();
      String reason;
      if (r.variant()) {
        reason = "an alternative form of another resource";
      } else if (type.startsWith("associatedcontent")
          || type.contains("learning-application-resource")) {
        reason = "settings or files of the source system that no imported item uses";
      } else if (type.equals("webcontent") && !isPage(r)) {
        reason = "a file that no imported lesson links to";
      } else if (type.contains("question-bank")) {
        reason = "question banks are not course content";
      } else {
        reason = "not placed in the course outline (organization)";
      }
      run.result.skip(r.identifier(), r.type(), reason);
    }
  }

  private static boolean isPage(Resource r) {
    String main = r.mainFile();
    String ext = main == null ? "" : PackageArchive.extension(main);
    return ext.equals("html") || ext.equals("htm");
  }

  /** Canvas 1.1 exports assignments as associated content: an HTML page and its settings. */
  private static boolean isCanvasAssignment(Resource r) {
    return r.lowerType().contains("learning-application-resource")
        && r.files().stream().anyMatch(f -> f.endsWith("assignment_settings.xml"))
        && isPage(r);
  }

  static String body(String html) {
    Matcher m = BODY.matcher(html);
    return m.find() ? m.group(1) : html;
  }

  private static JsonObject kind(String kind, String url) {
    var inner = Json.createObjectBuilder().add("kind", kind);
    if (url != null) {
      inner.add("url", url);
    }
    return Json.createObjectBuilder().add("interchange", inner).build();
  }

  private static String missing(String file) {
    return "file '" + InterchangeErrors.printable(file) + "' is missing from the package";
  }

  static String clip(String title) {
    String t = title.strip();
    return t.length() <= MAX_TITLE ? t : t.substring(0, MAX_TITLE);
  }

  private static String clipText(String text, int max) {
    return text == null ? null : text.length() <= max ? text : text.substring(0, max);
  }

  static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }
}
