package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.Role;
import io.lectern.users.api.event.UserCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Registration, sign-in, refresh-token rotation with reuse detection, and sign-out. */
@ApplicationScoped
public class AuthenticationService {

  private static final String BAD_CREDENTIALS = "The email or password is incorrect.";
  private static final String BAD_REFRESH = "The refresh token is invalid or has expired.";

  @Inject UserRepository users;
  @Inject RefreshTokenRepository tokens;
  @Inject PasswordHasher hasher;
  @Inject AccessTokenIssuer accessTokens;
  @Inject LoginThrottle throttle;
  @Inject TokenEpochs epochs;
  @Inject IdentitySettings settings;
  @Inject SsoStore ssoStore;
  @Inject Clock clock;
  @Inject Event<UserCreated> created;

  /** Self-registration always creates a student; other roles are granted by admins. */
  @Transactional
  public User register(String email, String password, String fullName) {
    return createAccount(email, password, fullName, Role.STUDENT);
  }

  @Transactional
  public User createAccount(String email, String password, String fullName, Role role) {
    if (users.emailTaken(email)) {
      throw LmsException.conflict(
          "users.email-taken", "An account with this email address already exists.");
    }
    User user = new User(email, hasher.hash(password), fullName, role, clock.instant());
    users.add(user);
    created.fire(new UserCreated(user.id(), role));
    return user;
  }

  @Transactional
  public SignedIn login(String email, String password, ClientInfo client) {
    throttle.check(email, client.ipAddress());
    User user = users.findByEmail(email).orElse(null);
    if (user == null) {
      hasher.burnEquivalentTime(password);
      throttle.recordFailure(email, client.ipAddress());
      throw LmsException.unauthorized("auth.invalid-credentials", BAD_CREDENTIALS);
    }
    if (!hasher.matches(password, user.passwordHash())) {
      throttle.recordFailure(email, client.ipAddress());
      throw LmsException.unauthorized("auth.invalid-credentials", BAD_CREDENTIALS);
    }
    if (!user.active()) {
      throw LmsException.unauthorized(
          "auth.account-deactivated", "This account has been deactivated.");
    }
    throttle.recordSuccess(email);
    Instant now = clock.instant();
    users.recordLogin(user.id(), now);
    return signIn(user, UUID.randomUUID(), client, now);
  }

  /**
   * Exchanges a live refresh token for a new pair. A spent or revoked token presented again means
   * it was copied: every token of its login chain is revoked and the call fails.
   */
  @Transactional(dontRollbackOn = RefreshRejected.class)
  public SignedIn refresh(String presented, ClientInfo client) {
    RefreshTokenSecret secret = RefreshTokenSecret.parse(presented);
    if (secret == null) {
      throw LmsException.unauthorized("auth.invalid-refresh-token", BAD_REFRESH);
    }
    RefreshToken token =
        tokens
            .findForUpdate(secret.jti())
            .filter(t -> secret.matches(t.secretHash()))
            .orElseThrow(
                () -> LmsException.unauthorized("auth.invalid-refresh-token", BAD_REFRESH));
    Instant now = clock.instant();
    if (token.isReplayed()) {
      tokens.revokeFamily(token.familyId(), now);
      throw new RefreshRejected(
          "auth.refresh-token-reused",
          "This refresh token was already used; every session of its sign-in has been revoked."
              + " Sign in again.");
    }
    if (!token.isLive(now)) {
      throw LmsException.unauthorized("auth.invalid-refresh-token", BAD_REFRESH);
    }
    User user = users.find(token.userId()).orElse(null);
    if (user == null || !user.active()) {
      tokens.revokeFamily(token.familyId(), now);
      throw new RefreshRejected("auth.account-deactivated", "This account has been deactivated.");
    }
    token.markUsed(now);
    return signIn(user, token.familyId(), client, now);
  }

  /**
   * Redeems the one-time code of a single sign-on for a new sign-in (access and refresh token), in
   * one transaction: a code is used once, within its short lifetime, by an account still active.
   */
  @Transactional
  public SignedIn redeemSsoCode(String code, ClientInfo client) {
    Instant now = clock.instant();
    User user =
        (code == null || code.length() > 100
                ? java.util.Optional.<UUID>empty()
                : ssoStore.takeExchangeCode(SsoSecrets.hash(code), now))
            .flatMap(users::find)
            .orElseThrow(
                () ->
                    LmsException.invalidField(
                        "oidc.invalid-code",
                        "code",
                        "The sign-in code is unknown, was already used or has expired; sign in"
                            + " again."));
    if (!user.active()) {
      throw LmsException.unauthorized(
          "auth.account-deactivated", "This account has been deactivated.");
    }
    users.recordLogin(user.id(), now);
    return signIn(user, UUID.randomUUID(), client, now);
  }

  /** Revokes the presented refresh token; unknown tokens are ignored so the call is idempotent. */
  @Transactional
  public void logout(String presented) {
    RefreshTokenSecret secret = RefreshTokenSecret.parse(presented);
    if (secret == null) {
      return;
    }
    tokens
        .findForUpdate(secret.jti())
        .filter(t -> secret.matches(t.secretHash()))
        .ifPresent(t -> t.revoke(clock.instant()));
  }

  /** Revokes every refresh token of the user and ends every access token issued so far. */
  @Transactional
  public int logoutEverywhere(UUID userId) {
    int revoked = tokens.revokeAllOf(userId, clock.instant());
    epochs.bump(userId);
    return revoked;
  }

  private SignedIn signIn(User user, UUID familyId, ClientInfo client, Instant now) {
    RefreshTokenSecret secret = RefreshTokenSecret.generate();
    tokens.add(
        new RefreshToken(
            user.id(),
            secret.jti(),
            secret.hash(),
            familyId,
            now.plus(settings.refreshTokenLifetime()),
            client,
            now));
    AccessTokenIssuer.IssuedAccessToken access = accessTokens.issue(user, familyId);
    return new SignedIn(access.token(), secret.value(), access.expiresInSeconds(), user);
  }
}
