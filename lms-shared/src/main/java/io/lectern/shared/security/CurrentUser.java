package io.lectern.shared.security;

import io.lectern.shared.error.LmsException;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, as every module sees it. Request scoped; {@link #isAuthenticated()} is false for
 * anonymous calls to public endpoints.
 */
public interface CurrentUser {

  boolean isAuthenticated();

  /** The caller's user id; fails with 401 when the call is anonymous. */
  UUID id();

  /** The caller's role, or null when anonymous. */
  Role role();

  /** The login chain (refresh token family) the caller's access token belongs to, if any. */
  Optional<UUID> sessionId();

  default boolean isAdmin() {
    return role() == Role.ADMIN;
  }

  /** Admins may act on anyone's data; everyone else only on their own. */
  default void requireSelfOrAdmin(UUID ownerId) {
    if (!isAdmin() && !id().equals(ownerId)) {
      throw LmsException.forbidden("auth.not-owner", "You may only access your own data.");
    }
  }

  static LmsException anonymous() {
    return LmsException.unauthorized("auth.required", "Sign in to call this endpoint.");
  }
}
