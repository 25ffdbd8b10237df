/**
 * Identity: users and roles, slow password hashes, RS256 access tokens, rotating refresh tokens,
 * sign-in throttling, the OAuth 2.0 token endpoint, OpenID Connect single sign-on and admin user
 * management.
 *
 * <p>Exposes: {@link io.lectern.users.api} ({@code UserDirectory}, {@code UserView}).
 */
@ApplicationModule(
    owns =
        "users, roles, password hashes, refresh tokens, sign-in (JSON, OAuth 2.0 token endpoint,"
            + " OpenID Connect single sign-on), admin user management (schema `users`)")
package io.lectern.users;

import io.lectern.shared.module.ApplicationModule;
