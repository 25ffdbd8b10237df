package io.lectern.users.internal;

import io.lectern.users.api.PlatformSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/** Signs platform messages with the key that signs access tokens now (see {@link SigningKeys}). */
@ApplicationScoped
public class DefaultPlatformSigner implements PlatformSigner {

  private IdentitySettings settings;
  private SigningKeys keys;

  protected DefaultPlatformSigner() {}

  @Inject
  public DefaultPlatformSigner(IdentitySettings settings, SigningKeys keys) {
    this.settings = settings;
    this.keys = keys;
  }

  @Override
  public String issuer() {
    return settings.issuer();
  }

  @Override
  public String sign(String claimsJson) {
    try {
      JwtClaims claims = JwtClaims.parse(claimsJson);
      claims.setIssuer(settings.issuer());
      if (claims.getSubject() == null && claims.hasClaim("sub")) {
        throw new IllegalArgumentException("sub must be a string");
      }
      SigningKey key = keys.signingKey();
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      jws.setKey(key.privateKey());
      jws.setKeyIdHeaderValue(key.kid());
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      jws.setHeader("typ", "JWT");
      return jws.getCompactSerialization();
    } catch (InvalidJwtException | MalformedClaimException | JoseException e) {
      throw new IllegalStateException("Cannot sign a platform message", e);
    }
  }
}
