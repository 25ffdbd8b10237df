package io.lectern.interchange.web;

import io.lectern.interchange.internal.InterchangeLimits;
import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers 413 before the body is read when the declared length already exceeds the package limit
 * (plus room for the multipart framing); bodies without a length are measured while read.
 */
@Provider
@PackageUpload
@Priority(Priorities.AUTHORIZATION + 100)
public class PackageSizeFilter implements ContainerRequestFilter {

  static final long MULTIPART_OVERHEAD = 64 * 1024;

  @Inject InterchangeLimits limits;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > limits.maxPackageBytes() + MULTIPART_OVERHEAD) {
      throw new LmsException(
          ErrorKind.PAYLOAD_TOO_LARGE,
          "interchange.package-too-large",
          "Packages may be at most " + limits.maxPackageBytes() + " bytes.");
    }
  }
}
