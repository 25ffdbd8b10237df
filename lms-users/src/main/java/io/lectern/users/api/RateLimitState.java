package io.lectern.users.api;

/**
 * A caller's standing in one limit class right after a request was counted.
 *
 * @param remaining requests still allowed in the current window (0 when used up)
 * @param resetSeconds seconds until the current window ends and the quota is whole again (at least
 *     1)
 * @param allowed whether the request just counted is within the quota
 */
public record RateLimitState(
    RateLimitPolicy policy, long remaining, long resetSeconds, boolean allowed) {}
