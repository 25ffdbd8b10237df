package io.lectern.users.internal;

import io.lectern.users.api.RateLimitPolicy;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured limits per minute (0 switches a class off) and the routes that have a class of
 * their own. A plain value so that tests can build their own.
 *
 * @param routes by {@code "METHOD /template"}: a route listed here is counted in its own class
 *     instead of reads, writes or sign-in; an empty value means the route is not limited
 */
record RateLimitSettings(
    int readsPerMinute,
    int writesPerMinute,
    int signInPerMinute,
    Map<String, Optional<RateLimitPolicy>> routes) {

  static final int WINDOW_SECONDS = 60;

  RateLimitSettings {
    routes = Map.copyOf(routes);
  }

  static Optional<RateLimitPolicy> perMinute(String name, int quota, boolean byAddress) {
    if (quota < 0) {
      throw new IllegalArgumentException("A rate limit cannot be negative: " + name);
    }
    return quota == 0
        ? Optional.empty()
        : Optional.of(new RateLimitPolicy(name, quota, WINDOW_SECONDS, byAddress));
  }

  /**
   * Parses {@code name:METHOD /template:perMinute[,...]}, for example {@code uploads:POST
   * /api/v1/files:20,pdf:GET /api/v1/certificates/{id}/pdf:30}.
   */
  static Map<String, Optional<RateLimitPolicy>> parseRoutes(String text) {
    Map<String, Optional<RateLimitPolicy>> routes = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return routes;
    }
    for (String entry : text.split(",")) {
      String trimmed = entry.trim();
      int first = trimmed.indexOf(':');
      int last = trimmed.lastIndexOf(':');
      String[] route =
          first < 0 ? new String[0] : trimmed.substring(first + 1, last).trim().split("\\s+");
      if (first <= 0 || last <= first || route.length != 2 || !route[1].startsWith("/")) {
        throw new IllegalArgumentException(
            "A rate-limited route is name:METHOD /template:perMinute, not: " + trimmed);
      }
      String name = trimmed.substring(0, first).trim();
      int quota = Integer.parseInt(trimmed.substring(last + 1).trim());
      routes.put(key(route[0], route[1]), perMinute(name, quota, false));
    }
    return routes;
  }

  static String key(String method, String template) {
    return method.toUpperCase(Locale.ROOT) + " " + template;
  }
}
