package io.lectern.users.web;

import io.lectern.users.internal.User;
import java.time.Instant;
import java.util.UUID;

/** A user as the account and admin endpoints show it (never the password hash). */
public record UserResponse(
    UUID id,
    String email,
    String fullName,
    String role,
    boolean active,
    Instant createdAt,
    Instant updatedAt,
    Instant lastLoginAt) {

  static UserResponse of(User user) {
    return new UserResponse(
        user.id(),
        user.email(),
        user.fullName(),
        user.role().value(),
        user.active(),
        user.createdAt(),
        user.updatedAt(),
        user.lastLoginAt());
  }
}
