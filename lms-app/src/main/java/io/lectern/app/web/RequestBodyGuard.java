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
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request body passes here on its way to a reader. JSON (and bodies sent without a type,
 * which the API reads as JSON) is read through {@link GuardedJsonInput}: at most {@code
 * LMS_MAX_JSON_BYTES} whether or not a length was announced, bounded nesting, no control characters
 * in text. Form bodies (the OAuth token endpoint's) are only counted, to at most {@code
 * LMS_MAX_FORM_BYTES}: their text is not JSON, and the endpoint checks the decoded values itself.
 * Multipart bodies have their own size limit (the upload's); a multipart body the parser cannot
 * take apart is the client's error (400), never a 500.
 */
@Provider
public class RequestBodyGuard implements ReaderInterceptor {

  @Inject
  @ConfigProperty(name = "lms.max.json.bytes", defaultValue = "1048576")
  long maxJsonBytes;

  @Inject
  @ConfigProperty(name = "lms.max.form.bytes", defaultValue = "65536")
  long maxFormBytes;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type != null && "multipart".equalsIgnoreCase(type.getType())) {
      return readMultipart(context);
    }
    if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
      context.setInputStream(new CountedInput(context.getInputStream(), maxFormBytes));
      return context.proceed();
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

  /** Counts the bytes read and refuses (413) a body past the limit, announced length or not. */
  static final class CountedInput extends FilterInputStream {

    private final long maxBytes;
    private long read;

    CountedInput(InputStream in, long maxBytes) {
      super(in);
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > maxBytes) {
        throw new LmsException(
            ErrorKind.PAYLOAD_TOO_LARGE,
            "request.too-large",
            "The form body is larger than " + maxBytes + " bytes.");
      }
    }
  }
}
