package io.lectern.interchange.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Web content from other systems made safe to serve as lesson text, with the OWASP Java HTML
 * Sanitizer: structure, formatting, tables, links and images survive; scripts, styles, event
 * handlers, forms, frames and {@code javascript:} URLs do not. Links and image sources pass through
 * a rewriter that points links to files of the package at their uploaded copies (or drops them).
 */
public final class HtmlContent {

  private static final String[] ELEMENTS = {
    "p",
    "div",
    "span",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "a",
    "img"
  };

  private static final PolicyFactory TEXT_ONLY = new HtmlPolicyBuilder().toFactory();
  private static final Pattern BLOCK_END =
      Pattern.compile("(?i)<(br|/p|/div|/li|/h[1-6]|/tr|/td|/th|/dd|/dt|/blockquote|/pre)\\b");
  private static final Pattern ENTITY =
      Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{1,10});");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

  private HtmlContent() {}

  /**
   * The sanitised HTML; {@code rewriter} receives every link target and image source and returns
   * the value to keep, or null to drop the attribute.
   */
  public static String sanitize(String html, UnaryOperator<String> rewriter) {
    PolicyFactory policy =
        new HtmlPolicyBuilder()
            .allowElements(ELEMENTS)
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .matching((element, attribute, value) -> rewriter.apply(value))
            .onElements("a")
            .allowAttributes("src")
            .matching((element, attribute, value) -> rewriter.apply(value))
            .onElements("img")
            .allowAttributes("alt", "width", "height")
            .onElements("img")
            .allowAttributes("colspan", "rowspan")
            .onElements("td", "th")
            .allowAttributes("title")
            .globally()
            .toFactory();
    return policy.sanitize(html == null ? "" : html).strip();
  }

  /** Plain text of an HTML fragment: tags removed, entities decoded, white space collapsed. */
  public static String toText(String html) {
    if (html == null) {
      return "";
    }
    String spaced = BLOCK_END.matcher(html).replaceAll(" $0");
    String text = unescape(TEXT_ONLY.sanitize(spaced));
    return SPACES.matcher(text).replaceAll(" ").strip();
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.startsWith("#x") || name.startsWith("#X")) {
        replacement = codePoint(Integer.parseInt(name.substring(2), 16), m.group());
      } else if (name.startsWith("#")) {
        replacement = codePoint(Integer.parseInt(name.substring(1)), m.group());
      } else {
        replacement =
            switch (name) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              case "nbsp" -> " ";
              default -> m.group();
            };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(int value, String original) {
    return Character.isValidCodePoint(value) ? new String(Character.toChars(value)) : original;
  }
}
