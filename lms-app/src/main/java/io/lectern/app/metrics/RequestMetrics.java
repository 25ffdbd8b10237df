package io.lectern.app.metrics;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * One timer per endpoint template, HTTP method and status class ({@code 2xx} ... {@code 5xx}), so
 * the number of series is fixed by the code, never by what clients send: a request that matches no
 * endpoint counts under the route {@code unmatched}, an unusual method under {@code OTHER}. The
 * timers keep bucket counts for Prometheus' {@code histogram_quantile} (configured in
 * microprofile-config.properties), not per-series percentile sketches. This replaces Liberty's own
 * REST and HTTP request timers, which are keyed by exact status and hold a large sketch each.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 300)
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  static final String NAME = "lectern.http.requests";
  static final String UNMATCHED = "unmatched";
  private static final String STARTED = RequestMetrics.class.getName() + ".started";
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Metadata METADATA =
      Metadata.builder()
          .withName(NAME)
          .withDescription("Requests by endpoint template, HTTP method and status class")
          .withUnit(MetricUnits.SECONDS)
          .build();

  /**
   * One template per resource class and method (not per method alone: the tutorial progress
   * endpoints are inherited by two classes with different paths). Bounded by the code.
   */
  private static final Map<Map.Entry<Class<?>, Method>, String> ROUTES = new ConcurrentHashMap<>();

  /**
   * The timers already looked up: bounded like the series themselves. The registry's lookup
   * validates and hashes the metadata and tags on every call, a cost each request would pay.
   */
  private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

  @Inject MetricRegistry registry;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED) instanceof Long started)) {
      return;
    }
    Method method = resource == null ? null : resource.getResourceMethod();
    Class<?> type = resource == null ? null : resource.getResourceClass();
    String route = method == null || type == null ? UNMATCHED : routeOf(type, method);
    String httpMethod = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
    Series series = new Series(route, httpMethod, statusClass(response.getStatus()));
    timers
        .computeIfAbsent(series, this::timerOf)
        .update(Duration.ofNanos(System.nanoTime() - started));
  }

  private Timer timerOf(Series series) {
    return registry.timer(
        METADATA,
        new Tag("route", series.route()),
        new Tag("method", series.method()),
        new Tag("status", series.status()));
  }

  /** The labels of one timer. */
  private record Series(String route, String method, String status) {}

  /** The endpoint template of a resource method, computed once per class and method. */
  public static String routeOf(Class<?> type, Method method) {
    return ROUTES.computeIfAbsent(Map.entry(type, method), key -> template(type, method));
  }

  static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }

  /**
   * {@code /api/v1/courses/{id}/lessons}: the resource class's {@code @Path} (or that of the
   * nearest superclass that has one) and the method's, joined.
   */
  private static String template(Class<?> type, Method method) {
    Class<?> annotated = type;
    while (annotated != null && annotated.getAnnotation(Path.class) == null) {
      annotated = annotated.getSuperclass();
    }
    String base = pathOf(annotated == null ? null : annotated.getAnnotation(Path.class));
    String own = pathOf(method.getAnnotation(Path.class));
    String joined = ("/" + base + "/" + own).replaceAll("/{2,}", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }

  private static String pathOf(Path path) {
    return path == null ? "" : path.value();
  }
}
