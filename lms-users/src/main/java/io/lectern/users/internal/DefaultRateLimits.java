package io.lectern.users.internal;

import io.lectern.users.api.RateLimitPolicy;
import io.lectern.users.api.RateLimitState;
import io.lectern.users.api.RateLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Classifies routes into limit classes and counts requests in the shared counters. */
@ApplicationScoped
public class DefaultRateLimits implements RateLimits {

  /** The endpoints that take credentials or a refresh token and hand out tokens or accounts. */
  static final Set<String> SIGN_IN_ROUTES =
      Set.of(
          "POST /api/v1/auth/login",
          "POST /api/v1/auth/register",
          "POST /api/v1/auth/refresh",
          "POST /api/v1/public/auth/login",
          "POST /api/v1/public/auth/refresh",
          "POST /api/v1/auth/token",
          "POST /api/v1/auth/oidc/exchange");

  private RateLimitSettings settings;
  private LimitCounters counters;
  private Clock clock;
  private Optional<RateLimitPolicy> reads;
  private Optional<RateLimitPolicy> writes;
  private Optional<RateLimitPolicy> signIn;

  protected DefaultRateLimits() {}

  @Inject
  public DefaultRateLimits(RateLimitSettings settings, LimitCounters counters, Clock clock) {
    this.settings = settings;
    this.counters = counters;
    this.clock = clock;
    this.reads = RateLimitSettings.perMinute(READS, settings.readsPerMinute(), false);
    this.writes = RateLimitSettings.perMinute(WRITES, settings.writesPerMinute(), false);
    this.signIn = RateLimitSettings.perMinute(SIGN_IN, settings.signInPerMinute(), true);
  }

  @Override
  public Optional<RateLimitPolicy> policyFor(String httpMethod, String routeTemplate) {
    String route = RateLimitSettings.key(httpMethod, routeTemplate);
    Optional<RateLimitPolicy> own = settings.routes().get(route);
    if (own != null) {
      return own;
    }
    if (SIGN_IN_ROUTES.contains(route)) {
      return signIn;
    }
    boolean read = "GET".equalsIgnoreCase(httpMethod) || "HEAD".equalsIgnoreCase(httpMethod);
    return read ? reads : writes;
  }

  @Override
  public RateLimitState hit(RateLimitPolicy policy, String caller) {
    Instant now = clock.instant();
    LimitCounters.Count count =
        counters.hit(policy.name() + ":" + caller, FixedWindow.start(now, policy.windowSeconds()));
    return FixedWindow.state(policy, count.hits(), count.windowStart(), now);
  }
}
