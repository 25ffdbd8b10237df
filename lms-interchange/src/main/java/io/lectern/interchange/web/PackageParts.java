package io.lectern.interchange.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads the {@code file} part of a package upload, bounded by the package limit. */
final class PackageParts {

  private PackageParts() {}

  static byte[] file(List<EntityPart> parts, long maxBytes) {
    for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
      if (part.getName() == null) {
        throw LmsException.invalidField(
            "interchange.unnamed-part", "body", "every part needs a Content-Disposition name");
      }
      if (part.getName().equals("file")) {
        try (InputStream in = part.getContent()) {
          byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
          if (bytes.length > maxBytes) {
            throw new LmsException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "interchange.package-too-large",
                "Packages may be at most " + maxBytes + " bytes.");
          }
          if (bytes.length == 0) {
            throw LmsException.invalidField("interchange.empty", "file", "The file is empty.");
          }
          return bytes;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw LmsException.invalidField(
        "interchange.missing-file", "file", "Send the package as the multipart part named 'file'.");
  }
}
