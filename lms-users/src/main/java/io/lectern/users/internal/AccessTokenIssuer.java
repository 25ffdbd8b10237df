package io.lectern.users.internal;

import io.lectern.users.api.AccessTokenRevocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Issues the short-lived RS256 access tokens that Liberty's MP-JWT feature verifies: signed with
 * the current shared key (named by {@code kid}) and stamped with the user's token epoch, so that a
 * later bump revokes them.
 */
@ApplicationScoped
public class AccessTokenIssuer {

  /** Claim naming the login chain, so "sign out my other sessions" knows which one to keep. */
  public static final String SESSION_CLAIM = "sid";

  private IdentitySettings settings;
  private SigningKeys keys;
  private Clock clock;

  protected AccessTokenIssuer() {}

  @Inject
  public AccessTokenIssuer(IdentitySettings settings, SigningKeys keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
  }

  /** Signs a token for the user; {@code sessionId} names the login chain (refresh token family). */
  public IssuedAccessToken issue(User user, UUID sessionId) {
    Instant now = clock.instant();
    Instant expires = now.plus(settings.accessTokenLifetime());
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(settings.issuer());
    claims.setSubject(user.id().toString());
    claims.setClaim("upn", user.email());
    claims.setStringListClaim("groups", List.of(user.role().value()));
    claims.setJwtId(UUID.randomUUID().toString());
    claims.setClaim(SESSION_CLAIM, sessionId.toString());
    claims.setClaim(AccessTokenRevocation.EPOCH_CLAIM, user.tokenEpoch());
    claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
    claims.setExpirationTime(NumericDate.fromMilliseconds(expires.toEpochMilli()));

    SigningKey key = keys.signingKey();
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.privateKey());
    jws.setKeyIdHeaderValue(key.kid());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return new IssuedAccessToken(
          jws.getCompactSerialization(), settings.accessTokenLifetime().toSeconds());
    } catch (JoseException e) {
      throw new IllegalStateException("Cannot sign an access token", e);
    }
  }

  /** A signed access token and its lifetime in seconds. */
  public record IssuedAccessToken(String token, long expiresInSeconds) {}
}
