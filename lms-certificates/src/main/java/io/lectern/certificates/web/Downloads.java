package io.lectern.certificates.web;

import io.lectern.certificates.internal.FileService;
import io.lectern.certificates.internal.UploadedFile;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Streams a stored file with the headers a download needs. */
final class Downloads {

  private Downloads() {}

  static Response of(FileService.Download download) {
    UploadedFile file = download.file();
    StreamingOutput body =
        out -> {
          try (InputStream in = download.content()) {
            in.transferTo(out);
          }
        };
    return Response.ok(body, file.mimeType())
        .header(HttpHeaders.CONTENT_LENGTH, file.size())
        .header("Content-Disposition", contentDisposition(file.originalFilename()))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header(
            HttpHeaders.CACHE_CONTROL,
            file.isPublic() ? "public, max-age=300" : "private, no-store")
        .header(HttpHeaders.ETAG, "\"" + file.sha256() + "\"")
        .build();
  }

  /**
   * Always an attachment (a browser never renders an upload in the site's origin), with an ASCII
   * fallback name and the exact name in RFC 5987 form.
   */
  static String contentDisposition(String name) {
    StringBuilder ascii = new StringBuilder();
    for (char c : name.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
    }
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
