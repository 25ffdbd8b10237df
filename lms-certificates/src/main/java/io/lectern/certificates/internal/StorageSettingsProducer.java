package io.lectern.certificates.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the storage settings from the environment and refuses an incomplete object store. */
@ApplicationScoped
public class StorageSettingsProducer {

  @Inject CertificateSettings certificates;

  @Inject
  @ConfigProperty(name = "lms.storage", defaultValue = StorageSettings.LOCAL)
  String provider;

  @Inject
  @ConfigProperty(name = "lms.s3.endpoint")
  Optional<String> endpoint;

  @Inject
  @ConfigProperty(name = "lms.s3.region", defaultValue = "us-east-1")
  String region;

  @Inject
  @ConfigProperty(name = "lms.s3.bucket")
  Optional<String> bucket;

  @Inject
  @ConfigProperty(name = "lms.s3.prefix")
  Optional<String> prefix;

  @Inject
  @ConfigProperty(name = "lms.s3.path.style", defaultValue = "false")
  boolean pathStyle;

  @Inject
  @ConfigProperty(name = "lms.s3.access.key")
  Optional<String> accessKey;

  @Inject
  @ConfigProperty(name = "lms.s3.secret.key")
  Optional<String> secretKey;

  @Produces
  StorageSettings settings() {
    Path root = certificates.filesRoot();
    String chosen = provider.strip().toLowerCase(Locale.ROOT);
    return switch (chosen) {
      case StorageSettings.LOCAL -> new StorageSettings(chosen, root, Optional.empty());
      case StorageSettings.S3 -> new StorageSettings(chosen, root, Optional.of(s3()));
      default ->
          throw new IllegalStateException(
              "LMS_STORAGE must be local or s3, not '" + provider.strip() + "'");
    };
  }

  private StorageSettings.S3 s3() {
    String name =
        present(bucket)
            .orElseThrow(() -> new IllegalStateException("LMS_STORAGE=s3 needs LMS_S3_BUCKET"));
    Optional<String> access = present(accessKey);
    Optional<String> secret = present(secretKey);
    if (access.isPresent() != secret.isPresent()) {
      throw new IllegalStateException(
          "Set both LMS_S3_ACCESS_KEY and LMS_S3_SECRET_KEY, or neither (the AWS default chain)");
    }
    return new StorageSettings.S3(
        present(endpoint).map(URI::create),
        region.strip(),
        name,
        keyPrefix(present(prefix).orElse("")),
        pathStyle,
        access,
        secret);
  }

  /** A key prefix without a leading slash and, unless empty, with exactly one trailing slash. */
  static String keyPrefix(String value) {
    String result = value.strip();
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result.isEmpty() ? "" : result + "/";
  }

  private static Optional<String> present(Optional<String> value) {
    return value.map(String::strip).filter(s -> !s.isEmpty());
  }
}
