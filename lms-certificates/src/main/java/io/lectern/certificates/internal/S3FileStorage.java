package io.lectern.certificates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Objects in an S3-compatible bucket that every node reaches, under {@code
 * <prefix>objects/ab/<uuid>} (the local layout). Uploads still wait in a local scratch file while
 * they are measured and checked; {@link #store(UUID, Path)} then sends the file with one PUT, which
 * S3 makes visible whole or not at all, and returns only once the store acknowledged it: the row
 * that points at the object commits after that. Downloads stream from the open HTTP response, never
 * whole in memory.
 *
 * <p>The AWS SDK's JDK {@code HttpURLConnection} client is used: no Netty or Apache HTTP client in
 * the WAR, and one blocking connection per transfer is what the request threads need.
 */
public class S3FileStorage implements FileStorage, AutoCloseable {

  private final S3Client client;
  private final StorageSettings.S3 settings;
  private final Path scratchRoot;

  S3FileStorage(S3Client client, StorageSettings.S3 settings, Path scratchRoot) {
    this.client = client;
    this.settings = settings;
    this.scratchRoot = scratchRoot.toAbsolutePath();
  }

  /** A client for the configured bucket. */
  static S3FileStorage connect(StorageSettings.S3 settings, Path scratchRoot) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyle())
            .credentialsProvider(credentials(settings));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return new S3FileStorage(builder.build(), settings, scratchRoot);
  }

  private static AwsCredentialsProvider credentials(StorageSettings.S3 settings) {
    if (settings.accessKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              settings.accessKey().orElseThrow(), settings.secretKey().orElseThrow()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public String provider() {
    return StorageSettings.S3;
  }

  @Override
  public Path newScratchFile() throws IOException {
    return LocalFileStorage.newScratchFile(scratchRoot);
  }

  @Override
  public String store(UUID id, Path scratchFile) throws IOException {
    String key = keyOf(id);
    try {
      client.putObject(
          put -> put.bucket(settings.bucket()).key(key).contentType("application/octet-stream"),
          RequestBody.fromFile(scratchFile));
    } catch (SdkException e) {
      throw new Unavailable("Object " + key + " could not be stored", e);
    }
    return key;
  }

  @Override
  public String store(UUID id, byte[] content) throws IOException {
    String key = keyOf(id);
    try {
      client.putObject(
          put -> put.bucket(settings.bucket()).key(key).contentType("application/octet-stream"),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw new Unavailable("Object " + key + " could not be stored", e);
    }
    return key;
  }

  @Override
  public InputStream open(String storagePath) throws IOException {
    String key = checked(storagePath);
    try {
      return client.getObject(get -> get.bucket(settings.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      throw new IOException("Object " + key + " is missing", e);
    } catch (SdkException e) {
      throw new Unavailable("Object " + key + " could not be read", e);
    }
  }

  @Override
  public void delete(String storagePath) throws IOException {
    String key = checked(storagePath);
    try {
      // S3 answers a delete of a missing key with success, as the interface wants.
      client.deleteObject(delete -> delete.bucket(settings.bucket()).key(key));
    } catch (SdkException e) {
      throw new Unavailable("Object " + key + " could not be deleted", e);
    }
  }

  /** Fails unless the bucket answers with these credentials (the start-up check). */
  void checkBucket() {
    client.headBucket(head -> head.bucket(settings.bucket()));
  }

  S3Client client() {
    return client;
  }

  String keyOf(UUID id) {
    return settings.prefix() + LocalFileStorage.pathOf(id);
  }

  /** Only keys this storage generates: a stored path never reaches outside its prefix. */
  private String checked(String storagePath) {
    String objects = settings.prefix() + "objects/";
    if (storagePath == null
        || !storagePath.startsWith(objects)
        || storagePath.contains("..")
        || storagePath.contains("//")) {
      throw new UncheckedIOException(new IOException("Storage path outside the storage prefix"));
    }
    return storagePath;
  }

  @Override
  public void close() {
    client.close();
  }
}
