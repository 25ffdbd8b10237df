package io.lectern.lti.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * Verifies what tools sign (client assertions, deep-linking responses): RS256 only, against the
 * tool's JWKS URL (fetched and cached, refetched for an unknown {@code kid}) or its registered
 * public key.
 */
@ApplicationScoped
public class ToolKeys {

  /** Seconds of clock difference tolerated between Lectern and a tool. */
  static final int CLOCK_SKEW_SECONDS = 60;

  private final Map<UUID, VerificationKeyResolver> resolvers = new ConcurrentHashMap<>();

  /** A tool's signed message, verified; its claims, or why it was refused. */
  public JwtClaims verify(Tool tool, String jwt, String audience) throws InvalidJwtException {
    return new JwtConsumerBuilder()
        .setVerificationKeyResolver(resolver(tool))
        .setJwsAlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setMaxFutureValidityInMinutes(60)
        .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
        .setExpectedIssuer(tool.clientId())
        .setExpectedAudience(audience)
        .build()
        .processToClaims(jwt);
  }

  /** Drops what was cached for a tool whose keys changed or that was deleted. */
  void forget(UUID toolId) {
    resolvers.remove(toolId);
  }

  private VerificationKeyResolver resolver(Tool tool) {
    return resolvers.computeIfAbsent(
        tool.id(),
        id -> {
          if (tool.jwksUrl() != null) {
            HttpsJwks jwks = new HttpsJwks(tool.jwksUrl());
            jwks.setDefaultCacheDuration(300);
            jwks.setRetainCacheOnErrorDuration(60);
            return new HttpsJwksVerificationKeyResolver(jwks);
          }
          PublicKey key = parsePem(tool.publicKeyPem()).orElseThrow();
          return (jws, context) -> key;
        });
  }

  /** An RSA public key from PEM ({@code BEGIN PUBLIC KEY}), or empty. */
  static Optional<RSAPublicKey> parsePem(String pem) {
    if (pem == null) {
      return Optional.empty();
    }
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      PublicKey key =
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
      return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048
          ? Optional.of(rsa)
          : Optional.empty();
    } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
