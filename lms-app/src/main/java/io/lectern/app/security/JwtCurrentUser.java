package io.lectern.app.security;

import io.lectern.shared.security.CurrentUser;
import io.lectern.shared.security.Role;
import io.lectern.users.api.AccessTokenRevocation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller as told by the verified MP-JWT access token; anonymous without one. The token is read
 * from the request's principal rather than injected: injecting it on an anonymous request makes
 * Liberty log an error (CWWKS5604E) for every public call.
 */
@RequestScoped
public class JwtCurrentUser implements CurrentUser {

  private static final String SESSION_CLAIM = "sid";

  @Inject HttpServletRequest request;
  private JsonWebToken jwt;
  private boolean resolved;

  private JsonWebToken token() {
    if (!resolved) {
      Principal principal = request.getUserPrincipal();
      jwt = principal instanceof JsonWebToken token ? token : null;
      resolved = true;
    }
    return jwt;
  }

  /** For the rest of this request the caller is anonymous: its token was revoked. */
  void disregardToken() {
    jwt = null;
    resolved = true;
  }

  @Override
  public boolean isAuthenticated() {
    return subject() != null;
  }

  @Override
  public UUID id() {
    String subject = subject();
    if (subject == null) {
      throw CurrentUser.anonymous();
    }
    return UUID.fromString(subject);
  }

  @Override
  public Role role() {
    if (!isAuthenticated()) {
      return null;
    }
    Set<String> groups = token().getGroups();
    if (groups == null) {
      return null;
    }
    // Highest privilege first, should a token ever carry more than one role.
    for (Role role : Role.values()) {
      if (groups.contains(role.value())) {
        return role;
      }
    }
    return null;
  }

  @Override
  public Optional<UUID> sessionId() {
    if (!isAuthenticated()) {
      return Optional.empty();
    }
    Object sid = token().getClaim(SESSION_CLAIM);
    if (sid == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(sid.toString().replace("\"", "")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The token epoch the access token was issued at; tokens from before epochs existed count as 0.
   */
  public long tokenEpoch() {
    JsonWebToken token = token();
    Object claim = token == null ? null : token.getClaim(AccessTokenRevocation.EPOCH_CLAIM);
    if (claim == null) {
      return 0;
    }
    if (claim instanceof Number number) {
      return number.longValue();
    }
    if (claim instanceof JsonNumber number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(claim.toString().replace("\"", "").trim());
    } catch (NumberFormatException e) {
      // Only our own servers sign tokens; a malformed epoch is treated as the oldest one.
      return 0;
    }
  }

  private String subject() {
    JsonWebToken token = token();
    return token == null ? null : token.getSubject();
  }
}
