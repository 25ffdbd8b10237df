package io.lectern.users.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the shared signing keys, token revocation and the published issuer metadata (see
 * {@link IdentitySettingsProducer}).
 *
 * @param activationDelay how long after a rotation the new key starts signing, so that every server
 *     (and remote verifier) knows it before the first token signed with it arrives
 * @param clockSkew how long past expiry verifiers accept a token; old keys verify that much longer
 * @param secret optional secret that encrypts private keys at rest in the database
 * @param epochCacheSize most users whose token epoch one server keeps in memory
 * @param publicBaseUrl the server's public address, for the discovery document's URLs
 */
public record KeySettings(
    Duration activationDelay,
    Duration clockSkew,
    Optional<String> secret,
    int epochCacheSize,
    String publicBaseUrl) {

  @Override
  public String toString() {
    // Never print the secret.
    return "KeySettings[activationDelay="
        + activationDelay
        + ", clockSkew="
        + clockSkew
        + ", secret="
        + (secret.isPresent() ? "(set)" : "(none)")
        + ", epochCacheSize="
        + epochCacheSize
        + ", publicBaseUrl="
        + publicBaseUrl
        + "]";
  }
}
