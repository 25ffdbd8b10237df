package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.users.api.RateLimitPolicy;
import io.lectern.users.api.RateLimits;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

  private static DefaultRateLimits limits(RateLimitSettings settings) {
    return new DefaultRateLimits(settings, null, Clock.systemUTC());
  }

  @Test
  void methodsAndSignInRoutesPickTheirClass() {
    DefaultRateLimits limits = limits(new RateLimitSettings(100, 20, 5, Map.of()));

    assertThat(limits.policyFor("GET", "/api/v1/courses/{id}"))
        .contains(new RateLimitPolicy(RateLimits.READS, 100, 60, false));
    assertThat(limits.policyFor("HEAD", "/api/v1/courses"))
        .map(RateLimitPolicy::name)
        .contains("reads");
    assertThat(limits.policyFor("POST", "/api/v1/courses"))
        .contains(new RateLimitPolicy(RateLimits.WRITES, 20, 60, false));
    assertThat(limits.policyFor("DELETE", "/api/v1/files/{id}"))
        .map(RateLimitPolicy::name)
        .contains("writes");
    assertThat(limits.policyFor("POST", "/api/v1/auth/login"))
        .contains(new RateLimitPolicy(RateLimits.SIGN_IN, 5, 60, true));
    assertThat(limits.policyFor("POST", "/api/v1/auth/register"))
        .map(RateLimitPolicy::name)
        .contains("sign-in");
    // Signing out everywhere is an ordinary write of a signed-in user.
    assertThat(limits.policyFor("POST", "/api/v1/auth/logout-all"))
        .map(RateLimitPolicy::name)
        .contains("writes");
  }

  @Test
  void zeroSwitchesAClassOff() {
    DefaultRateLimits limits = limits(new RateLimitSettings(0, 20, 0, Map.of()));

    assertThat(limits.policyFor("GET", "/api/v1/courses")).isEmpty();
    assertThat(limits.policyFor("POST", "/api/v1/auth/login")).isEmpty();
    assertThat(limits.policyFor("POST", "/api/v1/courses")).isPresent();
  }

  @Test
  void routesWithAClassOfTheirOwnLeaveTheGeneralClasses() {
    var routes =
        RateLimitSettings.parseRoutes(
            "uploads:POST /api/v1/files:20, pdf : get /api/v1/certificates/{id}/pdf : 30,"
                + "free:GET /api/v1/courses:0");
    DefaultRateLimits limits = limits(new RateLimitSettings(100, 50, 5, routes));

    assertThat(limits.policyFor("POST", "/api/v1/files"))
        .contains(new RateLimitPolicy("uploads", 20, 60, false));
    assertThat(limits.policyFor("GET", "/api/v1/certificates/{id}/pdf"))
        .contains(new RateLimitPolicy("pdf", 30, 60, false));
    assertThat(limits.policyFor("GET", "/api/v1/courses")).isEmpty();
    assertThat(limits.policyFor("GET", "/api/v1/files/{id}"))
        .map(RateLimitPolicy::name)
        .contains("reads");
  }

  @Test
  void malformedRouteEntriesAreRefusedAtStartUp() {
    assertThatThrownBy(() -> RateLimitSettings.parseRoutes("uploads:/api/v1/files:20"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitSettings.parseRoutes("Up Loads:POST /api/v1/files:20"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitSettings.parseRoutes("uploads:POST /api/v1/files:-1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitSettings.perMinute("writes", -5, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RateLimitSettings.parseRoutes(" ")).isEmpty();
    assertThat(RateLimitSettings.perMinute("writes", 0, false)).isEqualTo(Optional.empty());
  }
}
