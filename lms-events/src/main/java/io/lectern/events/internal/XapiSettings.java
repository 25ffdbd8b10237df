package io.lectern.events.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * xAPI forwarding settings (README: xAPI). Forwarding is off unless {@code LMS_XAPI_ENDPOINT} is
 * set; then the key, the secret and a valid base IRI are required, and anything wrong stops the
 * start with a message naming the variable, instead of failing every statement later. The secret is
 * only ever turned into the Authorization header: {@link #toString()} leaves it out.
 */
@ApplicationScoped
public class XapiSettings {

  /** What the LRS is sent and where; {@code null} fields when forwarding is off. */
  record Values(
      URI statements,
      String authorization,
      String baseIri,
      int batchSize,
      Duration poll,
      Duration retryBase,
      Duration retryMax,
      Duration timeout) {

    @Override
    public String toString() {
      return "xAPI to " + statements + " (batch " + batchSize + ")";
    }
  }

  private volatile Values values;

  void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    values();
  }

  /** Whether statements are forwarded at all. */
  public boolean enabled() {
    return values().statements() != null;
  }

  Values values() {
    Values v = values;
    if (v == null) {
      Config config = ConfigProvider.getConfig();
      v = read(key -> config.getOptionalValue(key, String.class));
      values = v;
    }
    return v;
  }

  static Values read(Function<String, Optional<String>> config) {
    Optional<String> endpoint = optional(config, "lms.xapi.endpoint");
    int batch = (int) number(config, "lms.xapi.batch.size", 50, 1, 500);
    Duration poll = Duration.ofMillis(number(config, "lms.xapi.poll.millis", 1000, 50, 600_000));
    Duration retryBase =
        Duration.ofMillis(number(config, "lms.xapi.retry.base.millis", 1000, 50, 3_600_000));
    Duration retryMax =
        Duration.ofSeconds(number(config, "lms.xapi.retry.max.seconds", 300, 1, 86_400));
    Duration timeout =
        Duration.ofMillis(number(config, "lms.xapi.timeout.millis", 10_000, 100, 600_000));
    if (endpoint.isEmpty()) {
      return new Values(null, null, null, batch, poll, retryBase, retryMax, timeout);
    }
    URI statements = statementsUri(endpoint.get());
    String key = required(config, "lms.xapi.key");
    String secret = required(config, "lms.xapi.secret");
    if (key.contains(":")) {
      throw new IllegalStateException("xAPI: LMS_XAPI_KEY must not contain ':' (Basic auth)");
    }
    String base =
        optional(config, "lms.xapi.base.iri")
            .or(() -> optional(config, "lms.public.base.url"))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "xAPI: LMS_XAPI_BASE_IRI (or LMS_PUBLIC_BASE_URL) is not set"));
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return new Values(
        statements, authorization, baseIri(base), batch, poll, retryBase, retryMax, timeout);
  }

  /** The LRS endpoint as documented by xAPI ({@code .../xapi/}); statements go to its child. */
  static URI statementsUri(String endpoint) {
    URI uri = absoluteHttp(endpoint, "LMS_XAPI_ENDPOINT");
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalStateException("xAPI: LMS_XAPI_ENDPOINT must have no query or fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("/+$", "");
    return uri.resolve(path + "/statements");
  }

  /** Activity IRIs and the actors' home page are built under it, without a trailing slash. */
  static String baseIri(String base) {
    URI uri = absoluteHttp(base, "LMS_XAPI_BASE_IRI");
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalStateException("xAPI: LMS_XAPI_BASE_IRI must have no query or fragment");
    }
    return uri.toString().replaceFirst("/+$", "");
  }

  private static URI absoluteHttp(String value, String variable) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalStateException(
            "xAPI: " + variable + " must be an absolute http(s) address, not '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "xAPI: " + variable + " is not a valid address: " + e.getMessage(), e);
    }
  }

  private static String required(Function<String, Optional<String>> config, String key) {
    return optional(config, key)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "xAPI: LMS_XAPI_ENDPOINT is set but " + variable(key) + " is not"));
  }

  private static Optional<String> optional(Function<String, Optional<String>> config, String key) {
    return config.apply(key).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static long number(
      Function<String, Optional<String>> config, String key, long fallback, long min, long max) {
    Optional<String> raw = optional(config, key);
    if (raw.isEmpty()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(raw.get());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "xAPI: " + variable(key) + " must be a whole number, not '" + raw.get() + "'", e);
    }
    if (value < min || value > max) {
      throw new IllegalStateException(
          "xAPI: " + variable(key) + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  private static String variable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
