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

  private AutoPostPage() {}

  static Response of(AutoPost post) {
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
        .append("<script>document.getElementById('lti').submit();</script>\n</body></html>\n");
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    noStore.setNoCache(true);
    return Response.ok(html.toString(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .cacheControl(noStore)
        .header("Referrer-Policy", "no-referrer")
        .build();
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
