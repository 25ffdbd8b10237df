package io.lectern.users.api;

/**
 * One limit class: at most {@code quota} requests per {@code windowSeconds} for one caller. A
 * caller is the signed-in user, or the client address for anonymous calls and for classes that are
 * always counted {@code byAddress} (sign-in, where nobody is signed in yet).
 *
 * @param name the class name, also the policy name in the RateLimit headers ({@code writes})
 */
public record RateLimitPolicy(String name, int quota, int windowSeconds, boolean byAddress) {

  public RateLimitPolicy {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
      throw new IllegalArgumentException("A limit class name is 1-40 of a-z, 0-9 and '-': " + name);
    }
    if (quota <= 0 || windowSeconds <= 0) {
      throw new IllegalArgumentException("A limit needs a positive quota and window: " + name);
    }
  }
}
