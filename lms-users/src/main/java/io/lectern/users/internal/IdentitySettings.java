package io.lectern.users.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Identity configuration, resolved once from MicroProfile Config (see {@link
 * IdentitySettingsProducer}); a plain value so that tests can build their own.
 */
public record IdentitySettings(
    String issuer,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    Path keyDirectory,
    int passwordHashIterations,
    int maxFailuresPerAccount,
    int maxFailuresPerAddress,
    Duration failureWindow) {}
