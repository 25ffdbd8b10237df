package io.lectern.users.internal;

import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/**
 * One RS256 key pair: it signs from {@code activatesAt} until a newer key activates, and verifies
 * until {@code retiresAt} (null: not retired).
 */
public record SigningKey(
    String kid,
    RSAPublicKey publicKey,
    PrivateKey privateKey,
    Instant activatesAt,
    Instant retiresAt) {

  boolean verifiesAt(Instant now) {
    return retiresAt == null || retiresAt.isAfter(now);
  }

  boolean signsAt(Instant now) {
    return !activatesAt.isAfter(now) && verifiesAt(now);
  }
}
