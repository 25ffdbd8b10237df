package io.lectern.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Calls the running server over real HTTP, as a client would. */
public final class Api {

  static final String BASE_URL = System.getProperty("lms.test.base-url", "http://127.0.0.1:9080");
  static final String ADMIN_EMAIL = System.getProperty("lms.test.admin-email");
  static final String ADMIN_PASSWORD = System.getProperty("lms.test.admin-password");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Api() {}

  public static Reply get(String path, String token) {
    return send("GET", path, null, token, "application/json");
  }

  public static Reply post(String path, Object body, String token) {
    return send("POST", path, body, token, "application/json");
  }

  public static Reply patch(String path, Object body, String token) {
    return send("PATCH", path, body, token, "application/json");
  }

  public static Reply put(String path, Object body, String token) {
    return send("PUT", path, body, token, "application/json");
  }

  public static Reply delete(String path, String token) {
    return send("DELETE", path, null, token, "application/json");
  }

  /** Sends {@code body} as is (a String is sent raw, anything else as JSON). */
  public static Reply send(
      String method, String path, Object body, String token, String contentType) {
    return send(method, path, body, token, contentType, java.util.Map.of());
  }

  /** As {@link #send(String, String, Object, String, String)}, with extra request headers. */
  public static Reply send(
      String method,
      String path,
      Object body,
      String token,
      String contentType,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.header("Accept", "application/json, application/problem+json, */*;q=0.1");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.method(method, bodyOf(body));
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return Reply.of(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.BodyPublisher bodyOf(Object body) {
    if (body == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (body instanceof String raw) {
      return HttpRequest.BodyPublishers.ofString(raw);
    }
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, unique email address for one test. */
  public static String uniqueEmail(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@it.test";
  }

  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }
}
