package io.lectern.lti.web;

import io.lectern.lti.internal.AutoPost;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * A page that posts a form to another site as soon as it loads (with a button for browsers without
 * scripts): how LTI messages travel between platform and tool through the user's browser.
 */
final class AutoPostPage {

  private static final String SCRIPT = "document.getElementById('lti').submit();";

  /** Only this page's own script runs, and its form goes only to the target's origin. */
  private static final String SCRIPT_HASH = sha256(SCRIPT);

  private AutoPostPage() {}

  static Response of(AutoPost post) {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    noStore.setNoCache(true);
    return Response.ok(html(post), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .cacheControl(noStore)
        .header("Referrer-Policy", "no-referrer")
        .header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'sha256-"
                + SCRIPT_HASH
                + "'; form-action "
                + origin(post.action())
                + "; base-uri 'none'")
        .build();
  }

  private static String origin(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static String sha256(String text) {
    try {
      return java.util.Base64.getEncoder()
          .encodeToString(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String html(AutoPost post) {
    StringBuilder html = new StringBuilder(1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Launching…</title></head>\n<body>\n")
        .append("<form id=\"lti\" method=\"post\" action=\"")
        .append(escape(post.action()))
        .append("\">\n");
    for (Map.Entry<String, String> field : post.fields().entrySet()) {
      html.append("<input type=\"hidden\" name=\"")
          .append(escape(field.getKey()))
          .append("\" value=\"")
          .append(escape(field.getValue()))
          .append("\">\n");
    }
    html.append("<noscript><button type=\"submit\">Continue</button></noscript>\n</form>\n")
        .append("<script>")
        .append(SCRIPT)
        .append("</script>\n</body></html>\n");
    return html.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
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
}
