package io.lectern.app.web;

import io.lectern.users.api.RateLimitState;

/**
 * The IETF {@code RateLimit-Policy} and {@code RateLimit} fields (draft-ietf-httpapi-ratelimit-
 * headers-10), as structured-field lists of one item: the policy name as a string, with quota
 * {@code q} and window {@code w} in seconds, and remaining {@code r} and seconds to reset {@code
 * t}. Policy names are restricted to a-z, 0-9 and '-' (see RateLimitPolicy), so no escaping is
 * needed.
 */
public final class RateLimitHeaders {

  public static final String POLICY = "RateLimit-Policy";
  public static final String STATE = "RateLimit";

  private RateLimitHeaders() {}

  /** {@code "writes";q=120;w=60} */
  static String policy(RateLimitState state) {
    return "\""
        + state.policy().name()
        + "\";q="
        + state.policy().quota()
        + ";w="
        + state.policy().windowSeconds();
  }

  /** {@code "writes";r=37;t=21} */
  static String state(RateLimitState state) {
    return "\""
        + state.policy().name()
        + "\";r="
        + state.remaining()
        + ";t="
        + state.resetSeconds();
  }
}
