package io.lectern.app.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.json.GuardedJsonInput;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request body passes here on its way to a reader. JSON (and bodies sent without a type,
 * which the API reads as JSON) is read through {@link GuardedJsonInput}: at most {@code
 * LMS_MAX_JSON_BYTES} whether or not a length was announced, bounded nesting, no control characters
 * in text. Multipart bodies have their own size limit (the upload's); a multipart body the parser
 * cannot take apart is the client's error (400), never a 500.
 */
@Provider
public class RequestBodyGuard implements ReaderInterceptor {

  @Inject
  @ConfigProperty(name = "lms.max.json.bytes", defaultValue = "1048576")
  long maxJsonBytes;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type != null && "multipart".equalsIgnoreCase(type.getType())) {
      return readMultipart(context);
    }
    GuardedJsonInput guarded =
        new GuardedJsonInput(
            context.getInputStream(), maxJsonBytes, GuardedJsonInput.DEFAULT_MAX_DEPTH);
    context.setInputStream(guarded);
    Object entity = context.proceed();
    if (!(entity instanceof InputStream)) {
      // A resource that takes the raw stream reads (and so checks) all of it itself.
      guarded.finish();
    }
    return entity;
  }

  private static Object readMultipart(ReaderInterceptorContext context) {
    try {
      return context.proceed();
    } catch (LmsException | WebApplicationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new LmsException(
          ErrorKind.VALIDATION,
          "request.malformed-multipart",
          "The multipart/form-data body cannot be read: it needs a boundary parameter in its"
              + " Content-Type, parts separated by that boundary, a Content-Disposition header"
              + " with a name on every part, and header lines of at most 1,000 characters.");
    }
  }
}
