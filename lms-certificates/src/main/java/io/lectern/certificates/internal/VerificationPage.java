package io.lectern.certificates.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The public verification page: a self-contained HTML document (inline styles only; no script, font
 * or style sheet from anywhere) showing what was certified, with a banner that cannot be missed
 * when the certificate was revoked. Every value is escaped.
 */
public final class VerificationPage {

  /** Only inline styles; nothing may be loaded, framed, scripted or submitted. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final String STYLE =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
          + "background:#f4f5f7;color:#1d2330;margin:0;padding:2rem 1rem}"
          + "main{max-width:40rem;margin:0 auto;background:#fff;border-radius:8px;"
          + "box-shadow:0 1px 4px rgba(0,0,0,.12);padding:2rem}"
          + "h1{font-size:1.5rem;margin:0 0 1.5rem}"
          + ".banner{padding:1rem 1.25rem;border-radius:6px;font-weight:700;margin-bottom:1.5rem}"
          + ".valid{background:#e3f6e8;color:#11582a;border:2px solid #2e9d55}"
          + ".revoked{background:#fde4e4;color:#8a1010;border:3px solid #c62828;font-size:1.2rem}"
          + ".unknown{background:#fff4de;color:#6d4a00;border:2px solid #d99a00}"
          + ".banner p{font-weight:400;margin:.5rem 0 0}"
          + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.6rem 1.5rem;margin:0}"
          + "dt{color:#5b6475}dd{margin:0;font-weight:600;overflow-wrap:anywhere}"
          + ".note{color:#5b6475;font-size:.9rem;margin-top:1.5rem}";

  private VerificationPage() {}

  public static String render(Verification v) {
    StringBuilder body = new StringBuilder();
    if (v.valid()) {
      body.append("<div class=\"banner valid\" id=\"status\">Valid certificate</div>");
    } else {
      body.append("<div class=\"banner revoked\" id=\"status\" role=\"alert\">")
          .append("REVOKED: this certificate is no longer valid")
          .append("<p>Revoked on ")
          .append(Html.escape(time(v.revokedAt())))
          .append(". Reason: ")
          .append(Html.escape(v.revocationReason()))
          .append("</p></div>");
    }
    body.append("<h1>Certificate of Completion</h1><dl>");
    row(body, "holder", "Holder", v.holderName());
    row(body, "course", "Course", v.courseTitle());
    row(body, "completed", "Completed on", CertificatePdf.DATE.format(v.completionDate()));
    row(body, "number", "Certificate number", v.certificateNumber());
    row(body, "issued", "Issued", time(v.issuedAt()));
    body.append("</dl><p class=\"note\">A certificate is genuine only if the holder, course and")
        .append(" date on it match this page exactly.</p>");
    return document(
        (v.valid() ? "Valid" : "Revoked") + " certificate " + v.certificateNumber(),
        body.toString());
  }

  public static String notFound(String number) {
    String body =
        "<div class=\"banner unknown\" id=\"status\">Unknown certificate</div>"
            + "<h1>No certificate has this number</h1><p>We have no certificate numbered <strong"
            + " id=\"number\">"
            + Html.escape(number)
            + "</strong>. Check the number (it looks like LEC-XXXX-XXXX-XXXX-XXXX).</p>";
    return document("Unknown certificate", body);
  }

  private static void row(StringBuilder body, String id, String label, String value) {
    body.append("<dt>")
        .append(Html.escape(label))
        .append("</dt><dd id=\"")
        .append(id)
        .append("\">")
        .append(Html.escape(value))
        .append("</dd>");
  }

  private static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  private static String document(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\">"
        + "<title>"
        + Html.escape(title)
        + " | Lectern</title><style>"
        + STYLE
        + "</style></head><body><main>"
        + body
        + "</main></body></html>";
  }
}
