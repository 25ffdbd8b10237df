package io.lectern.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol: it loads pages and runs
 * scripts in them as a person's clicks would. Without Chromium the test is skipped locally and
 * fails in CI ({@code CI=true}), where {@code .ci/run} installs it.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Browser(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  static boolean available() {
    return Files.isExecutable(CHROMIUM);
  }

  static Browser start(Path profile) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--remote-debugging-port=0",
                    "--user-data-dir=" + profile,
                    "about:blank"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new AssertionError("Chromium did not open its DevTools port within 60 s");
        }
        Thread.sleep(100);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
      HttpClient http = HttpClient.newHttpClient();
      String pageSocket = null;
      while (pageSocket == null) {
        String list =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        for (JsonNode target : Api.JSON.readTree(list)) {
          if ("page".equals(target.path("type").asText())) {
            pageSocket = target.path("webSocketDebuggerUrl").asText();
          }
        }
        if (pageSocket == null) {
          Thread.sleep(100);
        }
      }
      Browser[] self = new Browser[1];
      Listener listener = new Listener(self);
      WebSocket socket =
          http.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(URI.create(pageSocket), listener)
              .get(30, TimeUnit.SECONDS);
      self[0] = new Browser(process, socket);
      return self[0];
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException(e);
    }
  }

  /** Opens the address and waits until its document has loaded. */
  void open(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode state =
          call(
              "Runtime.evaluate",
              Map.of(
                  "expression",
                  "location.href + ' ' + document.readyState",
                  "returnByValue",
                  true));
      String value = state.path("result").path("value").asText("");
      if (value.startsWith(url) && value.endsWith("complete")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The page " + url + " did not load within 60 s");
  }

  /** Runs a script that yields a promise of a string, and returns that string. */
  String run(String script) throws Exception {
    JsonNode result =
        call(
            "Runtime.evaluate",
            Map.of("expression", script, "awaitPromise", true, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError(
          "The script failed in the page: "
              + result
                  .path("exceptionDetails")
                  .path("exception")
                  .path("description")
                  .asText(result.path("exceptionDetails").toString()));
    }
    return result.path("result").path("value").asText();
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = Api.JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", Api.JSON.valueToTree(params));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(120, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new AssertionError("DevTools " + method + " failed: " + reply.path("error"));
    }
    return reply.path("result");
  }

  /** Stops Chromium and its helper processes, and waits until they are gone. */
  @Override
  public void close() {
    socket.abort();
    List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Still going after 30 s: nothing more to do than leave it to the system.
      }
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final Browser[] owner;
    private final StringBuilder text = new StringBuilder();

    Listener(Browser[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = Api.JSON.readTree(text.toString());
          if (message.has("id") && owner[0] != null) {
            CompletableFuture<JsonNode> answer =
                owner[0].pending.remove(message.path("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          }
        } catch (IOException e) {
          // Not a DevTools message; ignore.
        }
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }
}
