package io.lectern.app.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds course interchange packages and sends them over real HTTP, for the interchange tests. */
final class Packages {

  /**
   * Where the real exported fixtures are (outside the repository; their licences forbid copies).
   */
  static final Path FIXTURES =
      Path.of(
          System.getProperty("lms.test.interchange-fixtures", "../../shared/fixtures/interchange"));

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Packages() {}

  /**
   * Waits until the application answers (on a loaded machine Liberty may report the server started
   * before the WAR has), at most ten minutes.
   */
  static void awaitApplication() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> ready =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create(Api.BASE_URL + "/api/v1/courses?size=1"))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(2_000);
    }
  }

  /** POSTs {@code bytes} as the multipart part {@code file}. */
  static Reply upload(String path, String token, String filename, byte[] bytes) {
    String boundary = "----lectern-it-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(body, "--" + boundary + "\r\n");
    write(body, "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n");
    write(body, "Content-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + path))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json, application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return Reply.of(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> download(String path, String token, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", accept);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(FIXTURES.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean fixturesPresent() {
    return Files.isDirectory(FIXTURES);
  }

  /** A zip of the entries, in order, each stored with the given name exactly. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
