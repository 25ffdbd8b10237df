package io.lectern.users.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the identity settings from the environment (see the README's configuration table). */
@ApplicationScoped
public class IdentitySettingsProducer {

  @Inject
  @ConfigProperty(name = "lms.jwt.issuer", defaultValue = "lectern")
  String issuer;

  @Inject
  @ConfigProperty(name = "lms.jwt.access.ttl.seconds", defaultValue = "900")
  long accessTtlSeconds;

  @Inject
  @ConfigProperty(name = "lms.jwt.refresh.ttl.days", defaultValue = "30")
  long refreshTtlDays;

  @Inject
  @ConfigProperty(name = "lms.data.dir", defaultValue = "lms-data")
  String dataDir;

  @Inject
  @ConfigProperty(name = "lms.jwt.key.dir")
  Optional<String> keyDir;

  @Inject
  @ConfigProperty(name = "lms.password.hash.iterations", defaultValue = "310000")
  int hashIterations;

  @Inject
  @ConfigProperty(name = "lms.login.max.failures.account", defaultValue = "5")
  int maxFailuresPerAccount;

  @Inject
  @ConfigProperty(name = "lms.login.max.failures.address", defaultValue = "20")
  int maxFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "lms.login.failure.window.seconds", defaultValue = "900")
  long failureWindowSeconds;

  @Inject
  @ConfigProperty(name = "lms.jwt.key.activation.seconds", defaultValue = "5")
  long keyActivationSeconds;

  @Inject
  @ConfigProperty(name = "lms.jwt.clock.skew.seconds", defaultValue = "60")
  long clockSkewSeconds;

  @Inject
  @ConfigProperty(name = "lms.jwt.key.secret")
  Optional<String> keySecret;

  @Inject
  @ConfigProperty(name = "lms.token.epoch.cache.size", defaultValue = "100000")
  int epochCacheSize;

  @Inject
  @ConfigProperty(name = "lms.public.base.url", defaultValue = "http://localhost:9080")
  String publicBaseUrl;

  @Produces
  KeySettings keySettings() {
    String base =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
    return new KeySettings(
        Duration.ofSeconds(Math.max(0, keyActivationSeconds)),
        Duration.ofSeconds(Math.max(0, clockSkewSeconds)),
        keySecret.filter(s -> !s.isBlank()),
        Math.max(1, epochCacheSize),
        base);
  }

  @Produces
  IdentitySettings settings() {
    Path keys =
        keyDir.filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of(dataDir).resolve("keys"));
    return new IdentitySettings(
        issuer,
        Duration.ofSeconds(accessTtlSeconds),
        Duration.ofDays(refreshTtlDays),
        keys.toAbsolutePath(),
        hashIterations,
        maxFailuresPerAccount,
        maxFailuresPerAddress,
        Duration.ofSeconds(failureWindowSeconds));
  }
}
