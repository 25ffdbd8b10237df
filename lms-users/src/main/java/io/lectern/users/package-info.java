/**
 * Identity: users and roles, slow password hashes, RS256 access tokens, rotating refresh tokens,
 * sign-in throttling, per-caller request rate limits shared through PostgreSQL, the OAuth 2.0 token
 * endpoint, OpenID Connect single sign-on, admin user management, cluster-wide token revocation
 * (token epochs) and the shared signing keys with their JWKS and discovery documents.
 *
 * <p>Exposes: {@link io.lectern.users.api} ({@code UserDirectory}, {@code UserView}, {@code
 * RateLimits}, {@code AccessTokenRevocation}, {@code PlatformSigner} for messages Lectern signs as
 * an LTI platform).
 */
@ApplicationModule(
    owns =
        "users, roles, password hashes, refresh tokens, sign-in (JSON, OAuth 2.0 token endpoint,"
            + " OpenID Connect single sign-on), request rate limits, admin user management, token"
            + " epochs, shared signing keys, JWKS and discovery (schema `users`)")
package io.lectern.users;

import io.lectern.shared.module.ApplicationModule;
