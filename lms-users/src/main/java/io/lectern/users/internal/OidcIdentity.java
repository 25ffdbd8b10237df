package io.lectern.users.internal;

import io.lectern.shared.security.Role;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Who a verified id_token says the person is: the provider's stable subject, the email and whether
 * the provider verified it, a display name, and the Lectern role named by the configured claim.
 */
public record OidcIdentity(
    String provider,
    String subject,
    String email,
    boolean emailVerified,
    String fullName,
    Role role) {

  static OidcIdentity of(OidcProvider provider, JwtClaims claims) throws MalformedClaimException {
    String email = claims.getClaimValueAsString("email");
    Object verified = claims.getClaimValue("email_verified");
    // Some providers send the flag as a string.
    boolean emailVerified =
        Boolean.TRUE.equals(verified) || "true".equalsIgnoreCase(String.valueOf(verified));
    return new OidcIdentity(
        provider.name(),
        claims.getSubject(),
        email == null ? null : email.strip().toLowerCase(Locale.ROOT),
        emailVerified,
        nameOf(claims, email),
        roleOf(claims.getClaimsMap(), provider.roleClaim()));
  }

  private static String nameOf(JwtClaims claims, String email) {
    for (String claim : List.of("name", "preferred_username")) {
      String value = claims.getClaimValueAsString(claim);
      if (value != null && !value.isBlank()) {
        return clip(value.strip());
      }
    }
    String given = claims.getClaimValueAsString("given_name");
    String family = claims.getClaimValueAsString("family_name");
    String joined = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
    if (!joined.isEmpty()) {
      return clip(joined);
    }
    return email == null
        ? "Lectern user"
        : clip(email.substring(0, Math.max(1, email.indexOf('@'))));
  }

  private static String clip(String name) {
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  /**
   * The most privileged Lectern role among the claim's values (a string or a list, found by a
   * dotted path such as {@code realm_access.roles}); student when there is none.
   */
  static Role roleOf(Map<String, Object> claims, String path) {
    if (path == null) {
      return Role.STUDENT;
    }
    Object value = claims;
    for (String part : path.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    List<?> values =
        value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    for (Role role : Role.values()) {
      if (values.stream().anyMatch(v -> role.value().equals(String.valueOf(v)))) {
        return role;
      }
    }
    return Role.STUDENT;
  }
}
