package io.lectern.interchange.internal;

/**
 * Bounds on what a package may hold (README configuration table). A package over any of them is
 * refused before anything is created.
 *
 * @param maxPackageBytes the uploaded package ({@code LMS_INTERCHANGE_MAX_PACKAGE_BYTES})
 * @param maxEntries entries in the zip ({@code LMS_INTERCHANGE_MAX_ENTRIES})
 * @param maxEntryBytes one entry once uncompressed ({@code LMS_INTERCHANGE_MAX_ENTRY_BYTES})
 * @param maxTotalBytes all entries once uncompressed ({@code LMS_INTERCHANGE_MAX_TOTAL_BYTES})
 * @param maxCompressionRatio uncompressed to compressed size of an entry ({@code
 *     LMS_INTERCHANGE_MAX_COMPRESSION_RATIO})
 * @param maxXmlBytes one XML document such as the manifest ({@code LMS_INTERCHANGE_MAX_XML_BYTES})
 * @param maxItems lessons and questions one import may create ({@code LMS_INTERCHANGE_MAX_ITEMS})
 */
public record InterchangeLimits(
    long maxPackageBytes,
    int maxEntries,
    long maxEntryBytes,
    long maxTotalBytes,
    int maxCompressionRatio,
    long maxXmlBytes,
    int maxItems) {

  public static InterchangeLimits defaults() {
    return new InterchangeLimits(
        100L * 1024 * 1024,
        5_000,
        50L * 1024 * 1024,
        500L * 1024 * 1024,
        100,
        5L * 1024 * 1024,
        2_000);
  }
}
