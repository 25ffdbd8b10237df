package io.lectern.users.internal;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns a verified OpenID identity into a Lectern account and a one-time code for it, in one
 * transaction: the account linked to the provider's subject; else the account with the same email,
 * linked now, but only when the provider verified that email; else a new account (just-in-time),
 * with the role the configured claim names. Deactivated accounts are refused.
 */
@ApplicationScoped
public class SsoAccounts {

  /** Stored as the password hash of accounts made by single sign-on: it matches no password. */
  static final String NO_PASSWORD = "sso-only";

  @Inject UserRepository users;
  @Inject SsoStore store;
  @Inject OidcSettings settings;
  @Inject Clock clock;

  /** Returns the one-time code the front end exchanges for Lectern tokens. */
  @Transactional
  public String signIn(OidcIdentity identity, boolean trustUnverifiedEmail) {
    Instant now = clock.instant();
    User user =
        store.linkedUser(identity.provider(), identity.subject()).flatMap(users::find).orElse(null);
    if (user != null) {
      store.touch(identity.provider(), identity.subject(), now);
    } else {
      user = linkOrCreate(identity, trustUnverifiedEmail, now);
    }
    if (!user.active()) {
      throw LmsException.forbidden(
          "auth.account-deactivated", "This account has been deactivated.");
    }
    String code = SsoSecrets.random();
    store.saveExchangeCode(
        SsoSecrets.hash(code), user.id(), now, now.plus(settings.exchangeCodeLifetime()));
    return code;
  }

  private User linkOrCreate(OidcIdentity identity, boolean trustUnverifiedEmail, Instant now) {
    if (identity.email() == null || identity.email().isBlank() || identity.email().length() > 320) {
      throw LmsException.forbidden(
          "oidc.email-missing",
          "The identity provider did not share an email address, which Lectern needs to sign you"
              + " in; allow the email scope.");
    }
    if (!identity.emailVerified() && !trustUnverifiedEmail) {
      throw LmsException.forbidden(
          "oidc.email-not-verified",
          "The identity provider has not verified the email address "
              + identity.email()
              + "; verify it there, then sign in again.");
    }
    User user = users.findByEmail(identity.email()).orElse(null);
    if (user == null) {
      user = new User(identity.email(), NO_PASSWORD, identity.fullName(), identity.role(), now);
      try {
        users.add(user);
      } catch (LmsException e) {
        if (e.kind() == ErrorKind.CONFLICT) {
          // A concurrent first sign-in of the same person created the account: try again.
          throw LmsException.conflict(
              "oidc.concurrent-sign-in",
              "This account was being created by another sign-in at the same moment; sign in"
                  + " again.");
        }
        throw e;
      }
    }
    store.link(identity.provider(), identity.subject(), user.id(), identity.email(), now);
    return user;
  }
}
