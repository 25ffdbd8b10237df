package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** What signed-in users do with their own account. */
@ApplicationScoped
public class AccountService {

  @Inject UserRepository users;
  @Inject RefreshTokenRepository tokens;
  @Inject PasswordHasher hasher;
  @Inject TokenEpochs epochs;
  @Inject Clock clock;

  public User me(UUID userId) {
    return users
        .find(userId)
        .orElseThrow(
            () -> LmsException.notFound("users.not-found", "The account no longer exists."));
  }

  /**
   * Renames and/or changes the password. A password change needs the current password, signs out
   * every other session (all refresh tokens except those of {@code currentSession}) and ends every
   * access token issued so far, the caller's included: the caller's session continues by
   * refreshing.
   */
  @Transactional
  public User update(
      UUID userId,
      String fullName,
      String currentPassword,
      String newPassword,
      UUID currentSession) {
    User user = me(userId);
    Instant now = clock.instant();
    if (newPassword != null) {
      if (currentPassword == null || !hasher.matches(currentPassword, user.passwordHash())) {
        throw LmsException.invalidField(
            "users.current-password-incorrect",
            "currentPassword",
            "The current password is incorrect.");
      }
      user.changePasswordHash(hasher.hash(newPassword), now);
      if (currentSession == null) {
        tokens.revokeAllOf(userId, now);
      } else {
        tokens.revokeAllOfExcept(userId, currentSession, now);
      }
      epochs.bump(userId);
    }
    if (fullName != null) {
      user.rename(fullName, now);
    }
    return user;
  }
}
