/**
 * Identity: users and roles, slow password hashes, RS256 access tokens, rotating refresh tokens,
 * sign-in throttling, per-caller request rate limits shared through PostgreSQL and admin user
 * management.
 *
 * <p>Exposes: {@link io.lectern.users.api} ({@code UserDirectory}, {@code UserView}, {@code
 * RateLimits}).
 */
@ApplicationModule(
    owns =
        "users, roles, password hashes, refresh tokens, sign-in, request rate limits, admin user management (schema `users`)")
package io.lectern.users;

import io.lectern.shared.module.ApplicationModule;
