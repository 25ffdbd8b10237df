package io.lectern.interchange.internal;

import io.lectern.certificates.api.CourseFiles;
import io.lectern.courses.api.CourseAuthoring;
import io.lectern.courses.api.CourseAuthoring.CourseContent;
import io.lectern.courses.api.CourseAuthoring.LessonContent;
import io.lectern.courses.api.LessonType;
import io.lectern.quiz.api.QuizAuthoring;
import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.w3c.dom.Element;

/**
 * Writes a course as an IMS Common Cartridge 1.3: the lesson tree as the organization, text and
 * assignment lessons as web content pages, link lessons (and video lessons) as web links, quiz
 * lessons as QTI 1.2 assessments, the files their pages link to as web resources, and Lectern's own
 * lesson attributes in {@code lectern/course.json} so the package imports back as the same course.
 */
@ApplicationScoped
public class CourseExporter {

  static final String CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1";
  static final String LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest";
  static final String LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource";
  static final String WEBLINK = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String SCHEMA_LOCATION =
      CP
          + " http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd "
          + LOM_MANIFEST
          + " http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd "
          + LOM_RESOURCE
          + " http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd";
  static final String QTI_TYPE = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment";
  static final String WEBLINK_TYPE = "imswl_xmlv1p3";
  static final String ASSOCIATED_TYPE =
      "associatedcontent/imscc_xmlv1p3/learning-application-resource";
  private static final Pattern FILE_URL =
      Pattern.compile("/api/v1/files/([0-9a-fA-F-]{36})/content");

  @Inject CourseAuthoring courses;
  @Inject QuizAuthoring quizzes;
  @Inject CourseFiles files;

  /** The package and a file name stem for it. */
  public record Export(byte[] bytes, String slug) {}

  /** One manifest resource. */
  private record Res(String id, String type, String href, List<String> files, List<String> deps) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Export export(UUID courseId) {
    CourseContent course =
        courses
            .content(courseId)
            .orElseThrow(
                () -> LmsException.notFound("courses.not-found", "There is no such course."));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    List<Res> resources = new ArrayList<>();
    Map<UUID, String> fileHrefs = new LinkedHashMap<>();
    Map<UUID, String> itemIds = new LinkedHashMap<>();
    Map<UUID, String> resourceOf = new LinkedHashMap<>();
    JsonObjectBuilder lessonsExtra = Json.createObjectBuilder();
    Map<UUID, List<LessonContent>> children = new LinkedHashMap<>();
    for (LessonContent l : course.lessons()) {
      children.computeIfAbsent(l.parentLessonId(), k -> new ArrayList<>()).add(l);
      itemIds.put(l.id(), "i" + hex(l.id()));
    }
    for (LessonContent l : course.lessons()) {
      String rid = "r" + hex(l.id());
      boolean folder = children.containsKey(l.id());
      JsonObjectBuilder extra = Json.createObjectBuilder().add("type", l.type().value());
      if (l.description() != null) {
        extra.add("description", l.description());
      }
      if (l.durationMinutes() != null) {
        extra.add("durationMinutes", l.durationMinutes());
      }
      extra.add("preview", l.preview());
      String weblink = weblinkUrl(l);
      Optional<QuizAuthoring.QuizContent> quiz =
          l.type() == LessonType.QUIZ ? quizzes.quizOfLesson(l.id()) : Optional.empty();
      if (folder) {
        // Organization folders carry no resource in Common Cartridge.
        if (l.content() != null) {
          extra.add("content", l.content());
        }
      } else if (quiz.isPresent()) {
        String href = "quizzes/" + hex(l.id()) + "/assessment_qti.xml";
        entries.put(href, Qti12Writer.write(rid, quiz.get()));
        resources.add(new Res(rid, QTI_TYPE, null, List.of(href), List.of()));
        resourceOf.put(l.id(), rid);
        extra.add("passingScore", quiz.get().settings().passingScore());
        if (quiz.get().settings().description() != null) {
          extra.add("quizDescription", quiz.get().settings().description());
        }
      } else if (weblink != null || (l.type() == LessonType.VIDEO && l.videoUrl() != null)) {
        String url = weblink != null ? weblink : l.videoUrl();
        String href = "links/" + hex(l.id()) + ".xml";
        entries.put(href, webLink(l.title(), url));
        resources.add(new Res(rid, WEBLINK_TYPE, null, List.of(href), List.of()));
        resourceOf.put(l.id(), rid);
        if (l.type() == LessonType.VIDEO) {
          extra.add("videoUrl", l.videoUrl());
          if (l.content() != null) {
            extra.add("content", l.content());
          }
        }
      } else {
        String href = "pages/" + hex(l.id()) + ".html";
        List<String> deps = new ArrayList<>();
        String html = withLocalFiles(l.content(), "../", entries, resources, fileHrefs, deps);
        entries.put(href, page(l.title(), html));
        resources.add(new Res(rid, "webcontent", href, List.of(href), deps));
        resourceOf.put(l.id(), rid);
        if (l.type() == LessonType.VIDEO && l.videoUrl() != null) {
          extra.add("videoUrl", l.videoUrl());
        }
      }
      lessonsExtra.add(itemIds.get(l.id()), extra);
    }
    JsonObjectBuilder courseExtra = Json.createObjectBuilder().add("title", course.title());
    if (course.description() != null) {
      courseExtra.add("description", course.description());
    }
    if (course.category() != null) {
      courseExtra.add("category", course.category());
    }
    if (course.difficulty() != null) {
      courseExtra.add("difficulty", course.difficulty());
    }
    if (course.estimatedDurationMinutes() != null) {
      courseExtra.add("estimatedDurationMinutes", course.estimatedDurationMinutes());
    }
    JsonObject extension =
        Json.createObjectBuilder()
            .add("format", LecternExtension.FORMAT)
            .add("course", courseExtra)
            .add("lessons", lessonsExtra)
            .build();
    entries.put(
        CourseImporter.LECTERN_EXTENSION, extension.toString().getBytes(StandardCharsets.UTF_8));
    resources.add(
        new Res(
            "lectern_course",
            ASSOCIATED_TYPE,
            CourseImporter.LECTERN_EXTENSION,
            List.of(CourseImporter.LECTERN_EXTENSION),
            List.of()));
    byte[] manifest = manifest(course, children, itemIds, resourceOf, resources);
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    ordered.put("imsmanifest.xml", manifest);
    ordered.putAll(entries);
    return new Export(zip(ordered), slug(course.title()));
  }

  private static String weblinkUrl(LessonContent l) {
    if (l.type() != LessonType.TEXT || l.metadata() == null || !l.metadata().contains("weblink")) {
      return null;
    }
    try (JsonReader reader = Json.createReader(new StringReader(l.metadata()))) {
      JsonObject meta = reader.readObject();
      JsonObject interchange = meta.getJsonObject("interchange");
      if (interchange != null && "weblink".equals(interchange.getString("kind", null))) {
        return interchange.getString("url", null);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /** Copies the files a page links to into the package and points the links at the copies. */
  private String withLocalFiles(
      String html,
      String prefix,
      Map<String, byte[]> entries,
      List<Res> resources,
      Map<UUID, String> fileHrefs,
      List<String> deps) {
    if (html == null) {
      return "";
    }
    Matcher m = FILE_URL.matcher(html);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      UUID id;
      try {
        id = UUID.fromString(m.group(1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      String href = fileHrefs.get(id);
      if (href == null) {
        Optional<CourseFiles.FileContent> file = files.read(id);
        if (file.isPresent()) {
          href = "web_resources/" + hex(id) + "/" + safeName(file.get().name());
          entries.put(href, file.get().content());
          resources.add(new Res("f" + hex(id), "webcontent", href, List.of(href), List.of()));
          fileHrefs.put(id, href);
        }
      }
      if (href != null) {
        if (!deps.contains("f" + hex(id))) {
          deps.add("f" + hex(id));
        }
        m.appendReplacement(out, Matcher.quoteReplacement(prefix + href));
      }
    }
    m.appendTail(out);
    return out.toString();
  }

  private static byte[] page(String title, String body) {
    String html =
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n<title>"
            + HtmlContent.escape(title)
            + "</title>\n</head>\n<body>\n"
            + body
            + "\n</body>\n</html>\n";
    return html.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] webLink(String title, String url) {
    XmlOut xml = XmlOut.newDocument();
    Element root = xml.root(WEBLINK, "webLink");
    xml.add(root, "title", title);
    Element link = xml.add(root, "url");
    link.setAttribute("href", url);
    link.setAttribute("target", "_blank");
    return xml.bytes();
  }

  private static byte[] manifest(
      CourseContent course,
      Map<UUID, List<LessonContent>> children,
      Map<UUID, String> itemIds,
      Map<UUID, String> resourceOf,
      List<Res> resources) {
    XmlOut xml = XmlOut.newDocument();
    Element root = xml.root(CP, "manifest");
    root.setAttribute("identifier", "m" + hex(course.id()));
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:lomimscc", LOM_MANIFEST);
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:lom", LOM_RESOURCE);
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
    root.setAttributeNS(XSI, "xsi:schemaLocation", SCHEMA_LOCATION);
    Element metadata = xml.add(root, "metadata");
    xml.add(metadata, "schema", "IMS Common Cartridge");
    xml.add(metadata, "schemaversion", "1.3.0");
    Element lom = xml.addNs(metadata, LOM_MANIFEST, "lomimscc:lom");
    Element general = xml.addNs(lom, LOM_MANIFEST, "lomimscc:general");
    Element title = xml.addNs(general, LOM_MANIFEST, "lomimscc:title");
    xml.addNs(title, LOM_MANIFEST, "lomimscc:string").setTextContent(course.title());
    if (course.description() != null) {
      Element description = xml.addNs(general, LOM_MANIFEST, "lomimscc:description");
      xml.addNs(description, LOM_MANIFEST, "lomimscc:string").setTextContent(course.description());
    }
    Element organization = xml.add(xml.add(root, "organizations"), "organization");
    organization.setAttribute("identifier", "org_1");
    organization.setAttribute("structure", "rooted-hierarchy");
    Element rootItem = xml.add(organization, "item");
    rootItem.setAttribute("identifier", "LearningModules");
    addItems(xml, rootItem, null, children, itemIds, resourceOf);
    Element resourcesElement = xml.add(root, "resources");
    for (Res r : resources) {
      Element resource = xml.add(resourcesElement, "resource");
      resource.setAttribute("identifier", r.id());
      resource.setAttribute("type", r.type());
      if (r.href() != null) {
        resource.setAttribute("href", r.href());
      }
      for (String f : r.files()) {
        xml.add(resource, "file").setAttribute("href", f);
      }
      for (String d : r.deps()) {
        xml.add(resource, "dependency").setAttribute("identifierref", d);
      }
    }
    return xml.bytes();
  }

  private static void addItems(
      XmlOut xml,
      Element parent,
      UUID parentId,
      Map<UUID, List<LessonContent>> children,
      Map<UUID, String> itemIds,
      Map<UUID, String> resourceOf) {
    for (LessonContent l : children.getOrDefault(parentId, List.of())) {
      Element item = xml.add(parent, "item");
      item.setAttribute("identifier", itemIds.get(l.id()));
      if (resourceOf.containsKey(l.id())) {
        item.setAttribute("identifierref", resourceOf.get(l.id()));
      }
      xml.add(item, "title", l.title());
      addItems(xml, item, l.id(), children, itemIds, resourceOf);
    }
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String hex(UUID id) {
    return id.toString().replace("-", "");
  }

  static String safeName(String name) {
    String clean = name.replaceAll("[^A-Za-z0-9._-]", "_");
    clean = clean.replaceAll("^\\.+", "_");
    return clean.isEmpty()
        ? "file"
        : clean.length() > 100 ? clean.substring(clean.length() - 100) : clean;
  }

  static String slug(String title) {
    String s =
        title
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "course" : s.length() > 60 ? s.substring(0, 60) : s;
  }
}
