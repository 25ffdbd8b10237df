package io.lectern.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client over the JDK HttpClient, as a browser's EventSource reads a stream:
 * {@code id}, {@code event} and {@code data} lines make a message at a blank line; comment lines
 * ({@code :}) are counted. Messages are read on a thread of their own into a queue.
 */
final class EventSource implements AutoCloseable {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** One message as received. */
  record Message(String id, String event, String data) {
    JsonNode json() {
      return Api.parse(data);
    }
  }

  private static final Message END = new Message(null, null, null);

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private volatile int comments;
  private volatile boolean ended;
  private final String errorBody;

  private EventSource(HttpResponse<InputStream> response) throws IOException {
    this.response = response;
    if (response.statusCode() == 200) {
      errorBody = null;
      Thread reader = new Thread(this::read, "sse-test-reader");
      reader.setDaemon(true);
      reader.start();
    } else {
      try (InputStream body = response.body()) {
        errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  static EventSource open(String path, String token, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + path))
            .header("Accept", "text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      // The timeout covers the answer's headers; the body then streams for as long as it lasts.
      return new EventSource(
          CLIENT.send(
              request.timeout(Duration.ofSeconds(20)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The problem document of a refused stream. */
  JsonNode problem() {
    return Api.parse(errorBody);
  }

  String contentType() {
    return header("Content-Type");
  }

  int comments() {
    return comments;
  }

  /** Whether the server has closed the stream (all its messages are in the queue). */
  boolean ended() {
    return ended;
  }

  /** The next message, or null when none comes within {@code timeout} or the stream ended. */
  Message next(Duration timeout) {
    try {
      Message m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (m == END) {
        messages.add(END);
        return null;
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Exactly {@code count} messages, each within {@code each}; fails otherwise. */
  List<Message> take(int count, Duration each) {
    List<Message> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Message m = next(each);
      if (m == null) {
        throw new AssertionError(
            "expected " + count + " messages, got " + taken.size() + ": " + taken);
      }
      taken.add(m);
    }
    return taken;
  }

  /** Everything that arrives until {@code quiet} passes without a message. */
  List<Message> drain(Duration quiet) {
    List<Message> drained = new ArrayList<>();
    for (Message m = next(quiet); m != null; m = next(quiet)) {
      drained.add(m);
    }
    return drained;
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            messages.add(new Message(id, event == null ? "message" : event, data.toString()));
          }
          id = null;
          event = null;
          data = null;
        } else if (line.startsWith(":")) {
          comments++;
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {}
          }
        }
      }
    } catch (IOException e) {
      // Closed by us or by the server: the stream is over either way.
    } finally {
      ended = true;
      messages.add(END);
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException | RuntimeException ignored) {
      // Closing a stream the server may already have closed.
    }
  }
}
