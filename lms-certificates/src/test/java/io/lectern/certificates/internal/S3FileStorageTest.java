package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The object-store provider against a real S3 API (S3Proxy in its own process). */
class S3FileStorageTest {

  private static final String BUCKET = "lectern-files";

  @TempDir static Path dir;
  private static S3Proxy proxy;
  private static S3FileStorage storage;

  @BeforeAll
  static void startObjectStore() throws Exception {
    proxy = S3Proxy.start(dir);
    storage = S3FileStorage.connect(proxy.settings(BUCKET, "tenant-a/"), dir.resolve("files"));
    try (S3Client admin = client()) {
      admin.createBucket(create -> create.bucket(BUCKET));
    }
  }

  @AfterAll
  static void stopObjectStore() {
    if (storage != null) {
      storage.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static S3Client client() {
    return S3FileStorage.connect(proxy.settings(BUCKET, ""), dir.resolve("files")).client();
  }

  @Test
  void anUploadIsStoredWholeUnderItsGeneratedKeyAndStreamsBack() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(content);
    Path scratch = storage.newScratchFile();
    assertThat(scratch).startsWith(dir.resolve("files").resolve("scratch"));
    Files.write(scratch, content);
    UUID id = UUID.randomUUID();

    String key = storage.store(id, scratch);

    assertThat(key).isEqualTo("tenant-a/objects/" + id.toString().substring(0, 2) + "/" + id);
    storage.checkBucket();
    // What the bucket holds, seen by another client: the whole object, byte for byte.
    try (S3Client other = client()) {
      assertThat(other.headObject(head -> head.bucket(BUCKET).key(key)).contentLength())
          .isEqualTo(content.length);
    }
    MessageDigest read = MessageDigest.getInstance("SHA-256");
    long total = 0;
    try (InputStream in = storage.open(key)) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) != -1) {
        read.update(buffer, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(content.length);
    assertThat(HexFormat.of().formatHex(read.digest()))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
  }

  @Test
  void generatedContentIsStoredAndDeletedAndAMissingObjectIsNotAnOutage() throws Exception {
    UUID id = UUID.randomUUID();
    String key = storage.store(id, "%PDF-1.7 certificate".getBytes());
    try (InputStream in = storage.open(key)) {
      assertThat(new String(in.readAllBytes())).isEqualTo("%PDF-1.7 certificate");
    }

    storage.delete(key);
    storage.delete(key); // deleting a missing object is no error

    assertThatThrownBy(() -> storage.open(key))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(FileStorage.Unavailable.class);
  }

  @Test
  void keysOutsideTheStoragePrefixAreRefused() {
    assertThatThrownBy(() -> storage.open("tenant-b/objects/ab/x"))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> storage.open("tenant-a/objects/../../secret"))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> storage.delete("objects/ab/x")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void aStoreThatDoesNotAnswerIsReportedAsUnavailable() throws Exception {
    // A bucket that does not exist, and then an endpoint where nothing listens.
    S3FileStorage noBucket =
        S3FileStorage.connect(proxy.settings("no-such-bucket", ""), dir.resolve("files"));
    assertThatThrownBy(noBucket::checkBucket).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> noBucket.store(UUID.randomUUID(), new byte[] {1}))
        .isInstanceOf(FileStorage.Unavailable.class);
    noBucket.close();

    StorageSettings.S3 nowhere =
        new StorageSettings.S3(
            java.util.Optional.of(java.net.URI.create("http://127.0.0.1:1")),
            "us-east-1",
            BUCKET,
            "",
            true,
            java.util.Optional.of(S3Proxy.ACCESS_KEY),
            java.util.Optional.of(S3Proxy.SECRET_KEY));
    try (S3FileStorage down = S3FileStorage.connect(nowhere, dir.resolve("files"))) {
      assertThatThrownBy(() -> down.store(UUID.randomUUID(), new byte[] {1}))
          .isInstanceOf(FileStorage.Unavailable.class);
      assertThatThrownBy(() -> down.open("objects/ab/" + UUID.randomUUID()))
          .isInstanceOf(FileStorage.Unavailable.class);
    }
  }
}
