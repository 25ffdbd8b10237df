package io.lectern.interchange.internal;

import static io.lectern.interchange.internal.SafeXml.attr;
import static io.lectern.interchange.internal.SafeXml.child;
import static io.lectern.interchange.internal.SafeXml.children;
import static io.lectern.interchange.internal.SafeXml.descendant;
import static io.lectern.interchange.internal.SafeXml.local;
import static io.lectern.interchange.internal.SafeXml.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A Common Cartridge manifest (1.0 to 1.3, any flavour): its title, the organization tree and the
 * resources by identifier. Namespaces differ between versions, so elements are read by local name.
 */
public record Cartridge(
    String version,
    String title,
    String description,
    List<Item> items,
    Map<String, Resource> resources) {

  /** An organization item: a folder (no resource) or a reference to a resource. */
  public record Item(String identifier, String identifierref, String title, List<Item> children) {}

  public record Resource(
      String identifier,
      String type,
      String href,
      List<String> files,
      List<String> dependencies,
      boolean variant) {

    /** The main file: the href, else the first file. */
    public String mainFile() {
      return href != null ? href : files.isEmpty() ? null : files.get(0);
    }

    public String lowerType() {
      return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }
  }

  /** Reads the manifest; 415 when it is not a cartridge (a QTI package or some other manifest). */
  public static Cartridge read(Document manifest) {
    Element root = manifest.getDocumentElement();
    if (!"manifest".equals(local(root))) {
      throw InterchangeErrors.notAPackage(
          "imsmanifest.xml is not an IMS content package manifest.");
    }
    Element metadata = child(root, "metadata");
    String schema = text(child(metadata, "schema"));
    String namespace = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
    Map<String, Resource> resources = new LinkedHashMap<>();
    for (Element r : children(child(root, "resources"), "resource")) {
      List<String> files = new ArrayList<>();
      for (Element f : children(r, "file")) {
        if (attr(f, "href") != null) {
          files.add(attr(f, "href"));
        }
      }
      List<String> dependencies = new ArrayList<>();
      for (Element d : children(r, "dependency")) {
        if (attr(d, "identifierref") != null) {
          dependencies.add(attr(d, "identifierref"));
        }
      }
      String id = attr(r, "identifier");
      if (id != null) {
        resources.putIfAbsent(
            id,
            new Resource(
                id,
                attr(r, "type"),
                attr(r, "href"),
                files,
                dependencies,
                child(r, "variant") != null));
      }
    }
    boolean cartridge =
        namespace.contains("imscc")
            || (schema != null && schema.toLowerCase(Locale.ROOT).contains("common cartridge"));
    if (!cartridge) {
      boolean qti =
          resources.values().stream().anyMatch(r -> r.lowerType().startsWith("imsqti_item"));
      throw InterchangeErrors.notAPackage(
          qti
              ? "This is a QTI package, not a Common Cartridge: import it into a quiz with POST"
                  + " /api/v1/quizzes/{quizId}/qti."
              : "imsmanifest.xml does not describe an IMS Common Cartridge.");
    }
    Element organization = child(child(root, "organizations"), "organization");
    List<Item> top = new ArrayList<>();
    if (organization != null) {
      List<Element> rootItems = children(organization, "item");
      // Cartridges wrap the outline in one untitled root item ("LearningModules").
      if (rootItems.size() == 1
          && attr(rootItems.get(0), "identifierref") == null
          && text(child(rootItems.get(0), "title")) == null) {
        rootItems = children(rootItems.get(0), "item");
      }
      rootItems.forEach(e -> top.add(item(e)));
    }
    Element general = descendant(metadata, "general");
    return new Cartridge(
        text(child(metadata, "schemaversion")),
        text(descendant(child(general, "title"), "string")),
        text(descendant(child(general, "description"), "string")),
        top,
        resources);
  }

  private static Item item(Element e) {
    List<Item> kids = new ArrayList<>();
    children(e, "item").forEach(c -> kids.add(item(c)));
    return new Item(attr(e, "identifier"), attr(e, "identifierref"), text(child(e, "title")), kids);
  }
}
