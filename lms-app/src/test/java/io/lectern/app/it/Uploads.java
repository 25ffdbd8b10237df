package io.lectern.app.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Multipart uploads and binary downloads over real HTTP, for the files and certificates tests. */
public final class Uploads {

  static final long MAX_BYTES =
      Long.parseLong(System.getProperty("lms.test.files-max-bytes", "65536"));
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Uploads() {}

  /** A file part: the name and Content-Type the client claims, and the bytes. */
  public record Part(String filename, String contentType, byte[] content) {}

  public static Reply upload(String token, Part file, Map<String, String> fields) {
    String boundary = "----lectern-it-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    for (var field : all.entrySet()) {
      write(body, "--" + boundary + "\r\n");
      write(body, "Content-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n");
      write(body, field.getValue() + "\r\n");
    }
    if (file != null) {
      write(body, "--" + boundary + "\r\n");
      write(
          body,
          "Content-Disposition: form-data; name=\"file\"; filename=\""
              + file.filename()
              + "\"\r\n");
      write(body, "Content-Type: " + file.contentType() + "\r\n\r\n");
      body.writeBytes(file.content());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + "/api/v1/files"))
            .timeout(Duration.ofSeconds(60))
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

  public static Reply upload(String token, Part file) {
    return upload(token, file, Map.of());
  }

  /** Uploads and returns the new file's id (expects 201). */
  public static UUID uploaded(String token, Part file, Map<String, String> fields) {
    return UUID.fromString(upload(token, file, fields).expect(201).text("id"));
  }

  /** GETs a binary resource as bytes. */
  public static HttpResponse<byte[]> download(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + path)).timeout(Duration.ofSeconds(30));
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

  public static byte[] png() {
    byte[] content = new byte[64];
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H'};
    System.arraycopy(magic, 0, content, 0, magic.length);
    for (int i = magic.length; i < content.length; i++) {
      content[i] = (byte) i;
    }
    return content;
  }

  public static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
