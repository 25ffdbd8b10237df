package io.lectern.certificates.internal;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;

final class FileErrors {

  private FileErrors() {}

  static LmsException notFound() {
    return LmsException.notFound("files.not-found", "No file has this id.");
  }

  static LmsException forbidden() {
    return LmsException.forbidden(
        "files.forbidden", "This file is private to its uploader and admins.");
  }

  static LmsException notUploader() {
    return LmsException.forbidden(
        "files.not-uploader", "Only the uploader and admins may delete this file.");
  }

  static LmsException tooLarge(long maxBytes) {
    return new LmsException(
        ErrorKind.PAYLOAD_TOO_LARGE,
        "files.too-large",
        "Files may be at most " + maxBytes + " bytes.");
  }

  static LmsException typeNotAllowed(String detected) {
    return new LmsException(
        ErrorKind.UNSUPPORTED_MEDIA_TYPE,
        "files.type-not-allowed",
        "Files of type " + detected + " (detected from the content) are not accepted.");
  }

  static LmsException inUse() {
    return LmsException.conflict(
        "files.in-use", "This file is a certificate's PDF and cannot be deleted on its own.");
  }
}
