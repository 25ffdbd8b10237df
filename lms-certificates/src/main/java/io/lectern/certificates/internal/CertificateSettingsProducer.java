package io.lectern.certificates.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the settings of files and certificates from the environment. */
@ApplicationScoped
public class CertificateSettingsProducer {

  static final String DEFAULT_ALLOWED_TYPES =
      "application/pdf,image/png,image/jpeg,image/gif,image/webp,video/mp4,text/plain,"
          + ContentSniffer.DOCX
          + ","
          + ContentSniffer.XLSX
          + ","
          + ContentSniffer.PPTX;

  @Inject
  @ConfigProperty(name = "lms.data.dir", defaultValue = "lms-data")
  String dataDir;

  @Inject
  @ConfigProperty(name = "lms.files.max.bytes", defaultValue = "52428800")
  long maxUploadBytes;

  @Inject
  @ConfigProperty(name = "lms.files.allowed.types", defaultValue = DEFAULT_ALLOWED_TYPES)
  String allowedTypes;

  @Inject
  @ConfigProperty(name = "lms.public.base.url", defaultValue = "http://localhost:9080")
  String publicBaseUrl;

  @Inject
  @ConfigProperty(name = "lms.certificates.reconcile.seconds", defaultValue = "300")
  long reconcileSeconds;

  @Produces
  CertificateSettings settings() {
    return new CertificateSettings(
        Path.of(dataDir).resolve("files").toAbsolutePath(),
        Math.max(1, maxUploadBytes),
        parseTypes(allowedTypes),
        stripTrailingSlash(publicBaseUrl.strip()),
        Duration.ofSeconds(Math.max(10, reconcileSeconds)));
  }

  static Set<String> parseTypes(String list) {
    return Arrays.stream(list.split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  static String stripTrailingSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }
}
