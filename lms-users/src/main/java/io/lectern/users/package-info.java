/**
 * Identity: users and roles, slow password hashes, RS256 access tokens, rotating refresh tokens,
 * sign-in throttling and admin user management.
 *
 * <p>Exposes: {@link io.lectern.users.api} ({@code UserDirectory}, {@code UserView}).
 *
 * <p>May use: lms-shared.
 */
package io.lectern.users;
