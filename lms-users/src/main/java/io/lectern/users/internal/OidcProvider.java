package io.lectern.users.internal;

import java.util.List;

/**
 * One configured OpenID provider (Keycloak realm, Entra ID tenant, Google...): its issuer, from
 * which everything else is discovered, and Lectern's client registration there.
 *
 * @param name the short name in Lectern's addresses ({@code /api/v1/auth/oidc/{name}/login})
 * @param roleClaim the claim (a dotted path such as {@code realm_access.roles}) naming the Lectern
 *     role of a new account, or null: new accounts are students
 * @param trustUnverifiedEmail for providers that never send {@code email_verified} but own their
 *     users' addresses (Entra ID work accounts); off by default
 */
public record OidcProvider(
    String name,
    String issuer,
    String clientId,
    String clientSecret,
    String roleClaim,
    List<String> scopes,
    boolean trustUnverifiedEmail) {

  @Override
  public String toString() {
    // Never the secret, should a provider end up in a log line.
    return "OidcProvider[" + name + ", " + issuer + ", client " + clientId + "]";
  }
}
