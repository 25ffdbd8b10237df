package io.lectern.app.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses JSON bodies larger than {@code LMS_MAX_JSON_BYTES} (default 1 MiB) with 413 before they
 * are read, so one request cannot make the server parse megabytes. File uploads are multipart and
 * have their own limit; form bodies (the OAuth token endpoint's) {@code LMS_MAX_FORM_BYTES}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class JsonBodyLimit implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "lms.max.json.bytes", defaultValue = "1048576")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "lms.max.form.bytes", defaultValue = "65536")
  long maxFormBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    MediaType type = request.getMediaType();
    if (type == null) {
      return;
    }
    if (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
        && request.getLength() > maxFormBytes) {
      throw new LmsException(
          ErrorKind.PAYLOAD_TOO_LARGE,
          "request.too-large",
          "The form body is larger than " + maxFormBytes + " bytes.");
    }
    if (!type.getSubtype().toLowerCase().contains("json")) {
      return;
    }
    if (request.getLength() > maxBytes) {
      throw new LmsException(
          ErrorKind.PAYLOAD_TOO_LARGE,
          "request.too-large",
          "The JSON body is larger than " + maxBytes + " bytes.");
    }
  }
}
