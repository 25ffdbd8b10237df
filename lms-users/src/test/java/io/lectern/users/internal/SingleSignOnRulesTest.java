package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.shared.security.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleSignOnRulesTest {

  @Test
  void theChallengeIsRfc7636S256() {
    // RFC 7636, appendix B.
    assertThat(SsoSecrets.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void randomValuesAreLongAndDistinct() {
    String a = SsoSecrets.random();
    assertThat(a).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(SsoSecrets.random());
    assertThat(SsoSecrets.hash(a)).hasSize(64).doesNotContain(a);
  }

  @Test
  void theRoleClaimNamesTheMostPrivilegedKnownRole() {
    assertThat(OidcIdentity.roleOf(Map.of("lectern_role", "instructor"), "lectern_role"))
        .isEqualTo(Role.INSTRUCTOR);
    assertThat(
            OidcIdentity.roleOf(
                Map.of("realm_access", Map.of("roles", List.of("offline", "student", "admin"))),
                "realm_access.roles"))
        .isEqualTo(Role.ADMIN);
    assertThat(OidcIdentity.roleOf(Map.of("roles", List.of("Teacher")), "roles"))
        .isEqualTo(Role.STUDENT);
    assertThat(OidcIdentity.roleOf(Map.of("roles", "admin"), null)).isEqualTo(Role.STUDENT);
    assertThat(OidcIdentity.roleOf(Map.of(), "a.b.c")).isEqualTo(Role.STUDENT);
    assertThat(OidcIdentity.roleOf(Map.of("a", "x"), "a.b")).isEqualTo(Role.STUDENT);
  }
}
