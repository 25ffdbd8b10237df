package io.lectern.app.web;

import io.lectern.app.metrics.RequestMetrics;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import io.lectern.users.api.RateLimitPolicy;
import io.lectern.users.api.RateLimitState;
import io.lectern.users.api.RateLimits;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Counts every request to an endpoint against its limit class (reads, writes, sign-in, or a route's
 * own class) for its caller, and answers 429 {@code server.rate-limited} with {@code Retry-After}
 * once the quota of the window is used up, before the endpoint runs (so a refused request changes
 * nothing). Runs after the access policy: the caller is known, and requests refused for want of a
 * token or a role cost no count. Every answer of a limited class carries the IETF {@code
 * RateLimit-Policy} and {@code RateLimit} fields (draft-ietf-httpapi-ratelimit-headers).
 *
 * <p>Signed-in callers are counted by user id; anonymous callers and sign-in by the connecting
 * address as the server sees it ({@code getRemoteAddr}). Forwarding headers are not read here:
 * behind a proxy, Liberty's {@code remoteIp} element makes the proxy's client address the remote
 * address (see the README's "Rate limits").
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

  static final String CODE = "server.rate-limited";
  private static final String STATE = RateLimitFilter.class.getName() + ".state";

  @Context ResourceInfo resourceInfo;
  @Context HttpServletRequest servletRequest;
  @Inject CurrentUser currentUser;
  @Inject RateLimits rateLimits;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resourceInfo.getResourceMethod();
    Class<?> type = resourceInfo.getResourceClass();
    if (method == null || type == null || "OPTIONS".equals(request.getMethod())) {
      return;
    }
    String template = RequestMetrics.routeOf(type, method);
    Optional<RateLimitPolicy> policy = rateLimits.policyFor(request.getMethod(), template);
    if (policy.isEmpty()) {
      return;
    }
    RateLimitState state = rateLimits.hit(policy.get(), caller(policy.get()));
    request.setProperty(STATE, state);
    if (!state.allowed()) {
      throw LmsException.rateLimited(
          CODE,
          "Too many requests of this kind ("
              + policy.get().quota()
              + " per "
              + policy.get().windowSeconds()
              + " seconds). Try again in "
              + state.resetSeconds()
              + " seconds.",
          state.resetSeconds());
    }
  }

  private String caller(RateLimitPolicy policy) {
    if (!policy.byAddress() && currentUser.isAuthenticated()) {
      return "user:" + currentUser.id();
    }
    String address = servletRequest.getRemoteAddr();
    return "address:" + (address == null ? "unknown" : address);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STATE) instanceof RateLimitState state) {
      response.getHeaders().putSingle(RateLimitHeaders.POLICY, RateLimitHeaders.policy(state));
      response.getHeaders().putSingle(RateLimitHeaders.STATE, RateLimitHeaders.state(state));
    }
  }
}
