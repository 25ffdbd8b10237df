package io.lectern.certificates.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real S3 API for the tests: S3Proxy (from Maven Central, copied to {@code target/s3proxy} by the
 * build) in a process of its own, keeping its objects in a folder (its filesystem blob store).
 */
final class S3Proxy implements AutoCloseable {

  static final String ACCESS_KEY = "test-access-key";
  static final String SECRET_KEY = "test-secret-key-0123456789";

  private final Process process;
  private final int port;
  private final Path log;

  private S3Proxy(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts S3Proxy on a free port with its objects under {@code dir/blobs}; waits until it answers.
   */
  static S3Proxy start(Path dir) throws IOException, InterruptedException {
    String jar = System.getProperty("lms.test.s3proxy.jar", "target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "S3Proxy is missing at "
              + jar
              + ": run the tests through Maven, which copies org.gaul:s3proxy there");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    Path properties = dir.resolve("s3proxy.conf");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + blobs,
            ""));
    Path log = dir.resolve("s3proxy.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(java, "-Xmx128m", "-jar", jar, "--properties", properties.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3Proxy proxy = new S3Proxy(process, port, log);
    long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!proxy.answers()) {
      if (!process.isAlive() || System.nanoTime() > giveUpAt) {
        proxy.close();
        throw new IllegalStateException("S3Proxy did not start:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return proxy;
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  StorageSettings.S3 settings(String bucket, String prefix) {
    return new StorageSettings.S3(
        Optional.of(endpoint()),
        "us-east-1",
        bucket,
        prefix,
        true,
        Optional.of(ACCESS_KEY),
        Optional.of(SECRET_KEY));
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
