package io.lectern.interchange.internal;

import java.io.ByteArrayOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Builds XML documents as DOM trees, so every export is well-formed and escaped. */
final class XmlOut {

  private final Document doc;

  private XmlOut(Document doc) {
    this.doc = doc;
  }

  static XmlOut newDocument() {
    try {
      return new XmlOut(SafeXml.factory().newDocumentBuilder().newDocument());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  Element root(String namespace, String name) {
    Element root = doc.createElementNS(namespace, name);
    doc.appendChild(root);
    return root;
  }

  /** A child in its parent's namespace. */
  Element add(Element parent, String name) {
    Element child = doc.createElementNS(parent.getNamespaceURI(), name);
    parent.appendChild(child);
    return child;
  }

  Element addNs(Element parent, String namespace, String name) {
    Element child = doc.createElementNS(namespace, name);
    parent.appendChild(child);
    return child;
  }

  Element add(Element parent, String name, String text) {
    Element child = add(parent, name);
    child.setTextContent(text);
    return child;
  }

  byte[] bytes() {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
