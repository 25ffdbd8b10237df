package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does during LTI flows: keeps cookies, follows redirects, and submits the
 * auto-posting forms the platform and the tool answer.
 */
final class LtiBrowser {

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*action=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern INPUT = Pattern.compile("<input[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE = Pattern.compile("(name|value)=\"([^\"]*)\"");

  final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** A form found in a page. */
  record Form(String action, Map<String, String> fields) {}

  HttpResponse<String> get(String url, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request);
  }

  HttpResponse<String> postJson(String url, String json, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request);
  }

  HttpResponse<String> submit(Form form) {
    return postForm(form.action(), form.fields());
  }

  HttpResponse<String> postForm(String url, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static Form form(HttpResponse<String> page) {
    assertThat(page.statusCode()).as("a page with a form: %s", page.body()).isEqualTo(200);
    Matcher action = FORM_ACTION.matcher(page.body());
    assertThat(action.find()).as("a form in %s", page.body()).isTrue();
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher input = INPUT.matcher(page.body());
    while (input.find()) {
      String name = null;
      String value = "";
      Matcher attribute = ATTRIBUTE.matcher(input.group());
      while (attribute.find()) {
        if (attribute.group(1).equals("name")) {
          name = unescape(attribute.group(2));
        } else {
          value = unescape(attribute.group(2));
        }
      }
      if (name != null) {
        fields.put(name, value);
      }
    }
    return new Form(unescape(action.group(1)), fields);
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
