package io.lectern.users.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the OpenID providers from the environment: {@code LMS_OIDC_PROVIDERS=keycloak,google} and,
 * per name, {@code LMS_OIDC_<NAME>_ISSUER}, {@code _CLIENT_ID}, {@code _CLIENT_SECRET}, and the
 * optional {@code _ROLE_CLAIM}, {@code _SCOPES}, {@code _TRUST_UNVERIFIED_EMAIL}. Read through the
 * Config API because the property names depend on the provider names.
 */
@ApplicationScoped
public class OidcSettingsProducer {

  /** Lower-case letters and digits: the name is part of addresses and of variable names. */
  static final Pattern NAME = Pattern.compile("[a-z0-9]{1,40}");

  /**
   * Reads the providers once as the application starts, so that a provider named without its
   * settings stops the start with a message naming the variable, instead of failing the first
   * sign-in through it.
   */
  void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    settings();
  }

  @Produces
  OidcSettings settings() {
    Config config = ConfigProvider.getConfig();
    Map<String, OidcProvider> providers = new LinkedHashMap<>();
    String names = config.getOptionalValue("lms.oidc.providers", String.class).orElse("");
    for (String raw : names.split(",")) {
      String name = raw.strip().toLowerCase(java.util.Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!NAME.matcher(name).matches()) {
        throw new IllegalStateException(
            "LMS_OIDC_PROVIDERS: '" + name + "' is not a provider name (a-z, 0-9, at most 40)");
      }
      String prefix = "lms.oidc." + name + ".";
      providers.put(
          name,
          new OidcProvider(
              name,
              required(config, prefix + "issuer").replaceFirst("/+$", ""),
              required(config, prefix + "client.id"),
              required(config, prefix + "client.secret"),
              optional(config, prefix + "role.claim").orElse(null),
              Arrays.stream(
                      optional(config, prefix + "scopes")
                          .orElse("openid email profile")
                          .split("[ ,]+"))
                  .filter(s -> !s.isBlank())
                  .toList(),
              optional(config, prefix + "trust.unverified.email")
                  .map(Boolean::parseBoolean)
                  .orElse(false)));
    }
    String base =
        config
            .getOptionalValue("lms.public.base.url", String.class)
            .orElse("http://localhost:9080");
    String frontEnd =
        config
            .getOptionalValue("lms.oidc.frontend.url", String.class)
            .orElse("http://localhost:3000/auth/sso");
    return new OidcSettings(
        Map.copyOf(providers),
        URI.create(base),
        URI.create(frontEnd),
        Duration.ofSeconds(seconds(config, "lms.oidc.login.ttl.seconds", 600)),
        Duration.ofSeconds(seconds(config, "lms.oidc.code.ttl.seconds", 60)),
        Duration.ofSeconds(seconds(config, "lms.oidc.http.timeout.seconds", 10)));
  }

  private static String required(Config config, String key) {
    return optional(config, key)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Single sign-on: "
                        + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_')
                        + " is not set"));
  }

  private static Optional<String> optional(Config config, String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static long seconds(Config config, String key, long fallback) {
    return config.getOptionalValue(key, Long.class).orElse(fallback);
  }

  static List<String> names(OidcSettings settings) {
    return List.copyOf(settings.providers().keySet());
  }
}
