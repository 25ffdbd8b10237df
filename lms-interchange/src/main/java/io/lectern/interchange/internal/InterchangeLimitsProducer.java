package io.lectern.interchange.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the package limits from the environment; see {@link InterchangeLimits}. */
@ApplicationScoped
public class InterchangeLimitsProducer {

  @Inject
  @ConfigProperty(name = "lms.interchange.max.package.bytes", defaultValue = "104857600")
  long maxPackageBytes;

  @Inject
  @ConfigProperty(name = "lms.interchange.max.entries", defaultValue = "5000")
  int maxEntries;

  @Inject
  @ConfigProperty(name = "lms.interchange.max.entry.bytes", defaultValue = "52428800")
  long maxEntryBytes;

  @Inject
  @ConfigProperty(name = "lms.interchange.max.total.bytes", defaultValue = "524288000")
  long maxTotalBytes;

  @Inject
  @ConfigProperty(name = "lms.interchange.max.compression.ratio", defaultValue = "100")
  int maxCompressionRatio;

  @Inject
  @ConfigProperty(name = "lms.interchange.max.xml.bytes", defaultValue = "5242880")
  long maxXmlBytes;

  @Inject
  @ConfigProperty(name = "lms.interchange.max.items", defaultValue = "2000")
  int maxItems;

  @Produces
  InterchangeLimits limits() {
    return new InterchangeLimits(
        Math.max(1, maxPackageBytes),
        Math.max(1, maxEntries),
        Math.max(1, maxEntryBytes),
        Math.max(1, maxTotalBytes),
        Math.max(1, maxCompressionRatio),
        Math.max(1, maxXmlBytes),
        Math.max(1, maxItems));
  }
}
