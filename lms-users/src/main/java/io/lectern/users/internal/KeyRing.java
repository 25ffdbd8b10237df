package io.lectern.users.internal;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * The signing keys one server knows, newest first: which one signs now, which ones verify now, and
 * the public JWKS document listing the latter. Immutable; a reload builds a new ring.
 */
public final class KeyRing {

  private final List<SigningKey> keys;

  /** The JWKS text last rendered and until when it holds (the next retirement); see jwks(). */
  private volatile Rendered rendered;

  private record Rendered(String json, Instant validUntil) {}

  public KeyRing(List<SigningKey> keys) {
    List<SigningKey> sorted = new ArrayList<>(keys);
    sorted.sort(Comparator.comparing(SigningKey::activatesAt).reversed());
    this.keys = List.copyOf(sorted);
  }

  public List<SigningKey> all() {
    return keys;
  }

  /** The newest key already active; empty only for an empty ring. */
  public Optional<SigningKey> signing(Instant now) {
    return keys.stream()
        .filter(k -> k.signsAt(now))
        .findFirst()
        .or(() -> keys.stream().filter(k -> !k.activatesAt().isAfter(now)).findFirst())
        .or(() -> keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1)));
  }

  /** Every key a token may be signed with now: not yet retired (a key yet to sign included). */
  public List<SigningKey> verifying(Instant now) {
    return keys.stream().filter(k -> k.verifiesAt(now)).toList();
  }

  /** The verifying keys as a JWKS document (public parts only), re-rendered after retirements. */
  public String jwks(Instant now) {
    Rendered current = rendered;
    if (current == null || !now.isBefore(current.validUntil())) {
      Instant validUntil =
          keys.stream()
              .map(SigningKey::retiresAt)
              .filter(r -> r != null && r.isAfter(now))
              .min(Comparator.naturalOrder())
              .orElse(Instant.MAX);
      current = new Rendered(render(verifying(now)), validUntil);
      rendered = current;
    }
    return current.json();
  }

  static String render(List<SigningKey> keys) {
    List<JsonWebKey> jwks = new ArrayList<>();
    for (SigningKey key : keys) {
      jwks.add(publicJwk(key.kid(), key.publicKey()));
    }
    return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
  }

  static RsaJsonWebKey publicJwk(String kid, RSAPublicKey key) {
    RsaJsonWebKey jwk = new RsaJsonWebKey(key);
    jwk.setKeyId(kid);
    jwk.setUse("sig");
    jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
    return jwk;
  }

  /** The public JWK's members (kty, use, alg, kid, n, e). */
  public static java.util.Map<String, Object> publicJwkParams(String kid, RSAPublicKey key) {
    return publicJwk(kid, key).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
  }

  /** The key's RFC 7638 SHA-256 thumbprint: the same key gets the same id on every server. */
  static String thumbprint(RSAPublicKey key) {
    return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
  }
}
