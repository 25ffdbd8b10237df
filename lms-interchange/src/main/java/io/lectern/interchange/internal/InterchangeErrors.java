package io.lectern.interchange.internal;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;

/** The refusals of a package, all 4xx problem+json. */
final class InterchangeErrors {

  private InterchangeErrors() {}

  static LmsException tooLarge(String what) {
    return new LmsException(
        ErrorKind.PAYLOAD_TOO_LARGE,
        "interchange.package-too-large",
        "The package is refused: " + what + ".");
  }

  static LmsException unsafePath(String entry) {
    return LmsException.invalidField(
        "interchange.unsafe-path",
        "file",
        "The package holds an entry whose path leaves the package or is absolute: '"
            + printable(entry)
            + "'.");
  }

  static LmsException unsafeXml(String file) {
    return LmsException.invalidField(
        "interchange.unsafe-xml",
        "file",
        "'" + printable(file) + "' declares a DTD or entities, which packages may not use.");
  }

  static LmsException malformedXml(String file, String why) {
    return LmsException.invalidField(
        "interchange.malformed-xml",
        "file",
        "'" + printable(file) + "' is not well-formed XML: " + printable(why));
  }

  static LmsException notAPackage(String detail) {
    return new LmsException(
        ErrorKind.UNSUPPORTED_MEDIA_TYPE, "interchange.unsupported-package", detail);
  }

  static LmsException missingFile() {
    return LmsException.invalidField(
        "interchange.missing-file", "file", "Send the package as the multipart part named 'file'.");
  }

  /** At most 200 printable characters of text that came from the package. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(200)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
