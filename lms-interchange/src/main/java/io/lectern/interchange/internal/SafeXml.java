package io.lectern.interchange.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML parsing that is safe by construction: any DOCTYPE is refused (so no DTD, no internal or
 * external entity, no billion laughs), external entities, DTD loading, XInclude and external
 * schema/DTD access are off, and the JDK's secure processing limits apply. Documents are bounded in
 * size before parsing. Elements are then found by local name, so the namespaces of the different
 * Common Cartridge and QTI versions read alike.
 */
public final class SafeXml {

  private SafeXml() {}

  static DocumentBuilderFactory factory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    try {
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be hardened", e);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setValidating(false);
    return factory;
  }

  /** Parses a package file; 400 for a DOCTYPE or malformed XML, 413 over the size limit. */
  public static Document parse(String name, byte[] xml, long maxBytes) {
    if (xml.length > maxBytes) {
      throw InterchangeErrors.tooLarge(
          "'" + InterchangeErrors.printable(name) + "' is larger than " + maxBytes + " bytes");
    }
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("DOCTYPE is disallowed: external entity " + systemId);
          });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("DOCTYPE")) {
        throw InterchangeErrors.unsafeXml(name);
      }
      throw InterchangeErrors.malformedXml(name, message);
    } catch (IOException | ParserConfigurationException e) {
      throw InterchangeErrors.malformedXml(name, "it cannot be read");
    }
  }

  /** Direct child elements with the local name. */
  public static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element e && localName.equals(local(e))) {
        found.add(e);
      }
    }
    return found;
  }

  /** All child elements. */
  public static List<Element> children(Element parent) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e) {
        found.add(e);
      }
    }
    return found;
  }

  public static Element child(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    return found.isEmpty() ? null : found.get(0);
  }

  /** Descendant elements with the local name, in document order. */
  public static List<Element> descendants(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getElementsByTagNameNS("*", localName);
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  public static Element descendant(Element parent, String localName) {
    List<Element> found = descendants(parent, localName);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The element's text with surrounding white space removed; null for no element. */
  public static String text(Element element) {
    return element == null ? null : element.getTextContent().strip();
  }

  public static String local(Element e) {
    return e.getLocalName() == null ? e.getTagName() : e.getLocalName();
  }

  /** An attribute or null when absent or blank. */
  public static String attr(Element e, String name) {
    if (e == null || !e.hasAttribute(name)) {
      return null;
    }
    String value = e.getAttribute(name).strip();
    return value.isEmpty() ? null : value;
  }
}
