package io.lectern.events.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * POSTs a batch of statements to the LRS's {@code /statements} resource with the xAPI version
 * header and Basic authentication. The answer is reduced to what the forwarder decides on; the
 * Authorization header is never part of an error message.
 */
@ApplicationScoped
public class XapiClient {

  /** How the LRS answered a batch. */
  enum Outcome {
    /** 2xx: stored. */
    STORED,
    /** 409: an id it already has (a retry after a lost answer): nothing more to send. */
    CONFLICT,
    /** 400: the LRS refuses a statement in the batch; resending it cannot help. */
    REJECTED,
    /** Anything else (5xx, 429, 401/403, network): try again later. */
    RETRY
  }

  record Answer(Outcome outcome, Integer status, String detail) {}

  static final String VERSION = "1.0.3";

  @Inject XapiSettings settings;

  private volatile HttpClient client;

  private HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(settings.values().timeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return client;
  }

  Answer post(List<JsonObject> statements) {
    XapiSettings.Values v = settings.values();
    JsonArrayBuilder array = Json.createArrayBuilder();
    statements.forEach(array::add);
    HttpRequest request =
        HttpRequest.newBuilder(v.statements())
            .timeout(v.timeout())
            .header("Content-Type", "application/json")
            .header("X-Experience-API-Version", VERSION)
            .header("Authorization", v.authorization())
            .header("User-Agent", "Lectern-xAPI/1")
            .POST(HttpRequest.BodyPublishers.ofString(array.build().toString()))
            .build();
    try {
      HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
      return classify(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(Outcome.RETRY, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(Outcome.RETRY, null, "Interrupted");
    }
  }

  static Answer classify(int status, String body) {
    String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + brief(body));
    if (status >= 200 && status < 300) {
      return new Answer(Outcome.STORED, status, null);
    }
    if (status == 409) {
      return new Answer(Outcome.CONFLICT, status, detail);
    }
    if (status == 400) {
      return new Answer(Outcome.REJECTED, status, detail);
    }
    return new Answer(Outcome.RETRY, status, detail);
  }

  private static String brief(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
  }
}
