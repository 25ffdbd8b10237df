package io.lectern.users.api;

import java.util.Optional;

/**
 * Per-caller request limits by endpoint class, counted in PostgreSQL so that every server node sees
 * the same counts. The web layer asks which class a route belongs to, then counts each request
 * before it runs.
 */
public interface RateLimits {

  /** GET and HEAD. */
  String READS = "reads";

  /** Every other method. */
  String WRITES = "writes";

  /** Sign-in, registration and token refresh: counted per client address. */
  String SIGN_IN = "sign-in";

  /**
   * The limit that applies to a request of this HTTP method on this route template ({@code
   * /api/v1/courses/{id}}); empty when that class is switched off (its limit is 0).
   */
  Optional<RateLimitPolicy> policyFor(String httpMethod, String routeTemplate);

  /**
   * Counts one request of the caller in the policy's current window, shared with every other node.
   *
   * @param caller {@code user:<id>} or {@code address:<ip>}; at most 300 characters
   */
  RateLimitState hit(RateLimitPolicy policy, String caller);
}
