package io.lectern.certificates.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where file contents live (see the README's configuration table). The secret key is never part of
 * {@link #toString()}.
 *
 * @param provider {@code local} (files under the data folder, one node) or {@code s3} (an
 *     S3-compatible object store that every node reaches)
 * @param filesRoot the local folder: objects of the local provider, and scratch files of uploads
 *     for both providers
 * @param s3 the object store, when the provider is {@code s3}
 */
public record StorageSettings(String provider, Path filesRoot, Optional<S3> s3) {

  public static final String LOCAL = "local";
  public static final String S3 = "s3";

  /**
   * An S3-compatible bucket.
   *
   * @param endpoint the service's address; empty for AWS's own endpoint of the region
   * @param region the signing region
   * @param bucket the bucket, which must exist
   * @param prefix prepended to every key (empty, or ending in {@code /})
   * @param pathStyle {@code https://host/bucket/key} instead of {@code https://bucket.host/key}
   *     (S3Proxy, MinIO, Ceph and most self-hosted stores need it)
   * @param accessKey with {@code secretKey}: static credentials; both empty: the AWS SDK's default
   *     chain (environment, profile, container or instance role)
   */
  public record S3(
      Optional<URI> endpoint,
      String region,
      String bucket,
      String prefix,
      boolean pathStyle,
      Optional<String> accessKey,
      Optional<String> secretKey) {

    @Override
    public String toString() {
      return "S3[endpoint="
          + endpoint.map(URI::toString).orElse("(AWS)")
          + ", region="
          + region
          + ", bucket="
          + bucket
          + ", prefix="
          + prefix
          + ", pathStyle="
          + pathStyle
          + ", credentials="
          + (accessKey.isPresent() ? "static" : "default chain")
          + "]";
    }
  }
}
