package io.lectern.users.internal;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Stands in for {@link IdentitySettingsProducer} and the shared clock producer in CDI tests: fixed
 * settings with a fresh key folder under {@code java.io.tmpdir}, and a test clock.
 */
@ApplicationScoped
public class IdentityTestProducers {

  static final String ISSUER = "lectern-cdi-test";
  static final Duration ACCESS_LIFETIME = Duration.ofMinutes(10);
  static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

  private final IdentitySettings settings =
      new IdentitySettings(
          ISSUER,
          ACCESS_LIFETIME,
          Duration.ofDays(30),
          Path.of(System.getProperty("java.io.tmpdir"), "lectern-cdi-keys-" + UUID.randomUUID()),
          1,
          3,
          10,
          Duration.ofMinutes(15));

  private final MutableClock clock = new MutableClock(START);

  @Produces
  IdentitySettings settings() {
    return settings;
  }

  private final KeySettings keySettings =
      new KeySettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(60),
          java.util.Optional.empty(),
          1000,
          "http://localhost:9080");

  @Produces
  KeySettings keySettings() {
    return keySettings;
  }

  @Produces
  Clock clock() {
    return clock;
  }

  @PreDestroy
  void deleteKeyFolder() {
    Path dir = settings.keyDirectory();
    try {
      Files.deleteIfExists(dir.resolve(KeyFolder.PRIVATE_FILE));
      Files.deleteIfExists(dir.resolve(KeyFolder.PUBLIC_FILE));
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // Best effort: a leftover folder in the temp directory does no harm.
    }
  }
}
