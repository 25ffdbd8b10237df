package io.lectern.certificates.web;

import io.lectern.certificates.internal.CertificateSettings;
import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers 413 before the body is read when the declared request length already exceeds the upload
 * limit (plus room for the multipart framing and small fields). Requests without a length, or
 * within it, are measured again while the file is stored.
 */
@Provider
@UploadLimited
@Priority(Priorities.AUTHORIZATION + 100)
public class UploadSizeFilter implements ContainerRequestFilter {

  static final long MULTIPART_OVERHEAD = 64 * 1024;

  @Inject CertificateSettings settings;

  @Override
  public void filter(ContainerRequestContext request) {
    long max = settings.maxUploadBytes();
    if (request.getLength() > max + MULTIPART_OVERHEAD) {
      throw new LmsException(
          ErrorKind.PAYLOAD_TOO_LARGE,
          "files.too-large",
          "Files may be at most " + max + " bytes.");
    }
  }
}
