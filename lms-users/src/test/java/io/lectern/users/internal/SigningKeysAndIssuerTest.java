package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.shared.security.Role;
import io.lectern.users.api.AccessTokenRevocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key ring, key storage format and token issuing, without a database. */
class SigningKeysAndIssuerTest {

  private static final String ISSUER = "lectern-test";
  private static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final KeyPair FIRST = SigningKeys.generate();
  private static final KeyPair SECOND = SigningKeys.generate();

  private final MutableClock clock = new MutableClock(NOW);

  @TempDir Path tempDir;

  @AfterEach
  void forgetPublishedKeys() {
    PublicKeyConfigSource.publish(new KeyRing(List.of()), clock);
  }

  private IdentitySettings settings() {
    return new IdentitySettings(
        ISSUER,
        ACCESS_LIFETIME,
        Duration.ofDays(30),
        tempDir,
        PasswordHasher.MIN_ITERATIONS,
        5,
        20,
        Duration.ofMinutes(15));
  }

  private static KeySettings keySettings(Optional<String> secret) {
    return new KeySettings(
        Duration.ofSeconds(5), Duration.ofSeconds(60), secret, 100, "http://localhost:9080");
  }

  /** Signing keys holding the given stored keys, as a server after loading them. */
  private SigningKeys keys(SigningKeyStore.StoredKey... stored) {
    SigningKeys keys = new SigningKeys(settings(), keySettings(Optional.empty()), null, clock);
    keys.install(List.of(stored));
    return keys;
  }

  private SigningKeyStore.StoredKey stored(KeyPair pair, Instant activatesAt, Instant retiresAt) {
    SigningKeyStore.StoredKey key =
        new SigningKeys(settings(), keySettings(Optional.empty()), null, clock)
            .stored(pair, activatesAt);
    return new SigningKeyStore.StoredKey(
        key.kid(), key.publicKey(), key.privateKey(), key.activatesAt(), retiresAt);
  }

  private static User student() {
    return new User("Student.One@Example.com", "irrelevant-hash", "Student One", Role.STUDENT, NOW);
  }

  /** Verifies as a remote party would: the key picked from the JWKS by the token's kid. */
  private JwtClaims verifyWithJwks(String token, String jwksJson) throws Exception {
    JsonWebKeySet jwks = new JsonWebKeySet(jwksJson);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(token);
    JsonWebKey key = new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys());
    assertThat(key).as("a key with the token's kid is published").isNotNull();
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setVerificationKey(key.getKey())
            .setExpectedIssuer(ISSUER)
            .setRequireExpirationTime()
            .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
            .build();
    return consumer.processToClaims(token);
  }

  @Test
  void issuedTokenNamesItsKeyAndCarriesTheIdentityClaimsAndTheEpoch() throws Exception {
    SigningKeys keys = keys(stored(FIRST, NOW, null));
    AccessTokenIssuer issuer = new AccessTokenIssuer(settings(), keys, clock);
    User user = student();
    UUID sessionId = UUID.randomUUID();

    AccessTokenIssuer.IssuedAccessToken issued = issuer.issue(user, sessionId);

    JwtContext context =
        new JwtConsumerBuilder()
            .setVerificationKey(FIRST.getPublic())
            .setExpectedIssuer(ISSUER)
            .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
            .build()
            .process(issued.token());
    JwtClaims claims = context.getJwtClaims();
    assertThat(context.getJoseObjects().get(0).getAlgorithmHeaderValue())
        .isEqualTo(AlgorithmIdentifiers.RSA_USING_SHA256);
    assertThat(context.getJoseObjects().get(0).getKeyIdHeaderValue())
        .isEqualTo(keys.signingKey().kid());
    assertThat(claims.getSubject()).isEqualTo(user.id().toString());
    assertThat(claims.getStringClaimValue("upn")).isEqualTo("student.one@example.com");
    assertThat(claims.getStringListClaimValue("groups")).containsExactly("student");
    assertThat(claims.getStringClaimValue(AccessTokenIssuer.SESSION_CLAIM))
        .isEqualTo(sessionId.toString());
    assertThat(claims.getClaimValue(AccessTokenRevocation.EPOCH_CLAIM, Long.class)).isZero();
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .isEqualTo(ACCESS_LIFETIME.toSeconds());
    assertThat(verifyWithJwks(issued.token(), PublicKeyConfigSource.currentValue()).getSubject())
        .isEqualTo(user.id().toString());
  }

  @Test
  void theKeyIdIsTheKeysThumbprintSoEveryServerNamesAKeyAlike() {
    String kid = stored(FIRST, NOW, null).kid();

    assertThat(kid).matches("[A-Za-z0-9_-]{43}");
    assertThat(stored(FIRST, NOW.plusSeconds(9), null).kid()).isEqualTo(kid);
    assertThat(stored(SECOND, NOW, null).kid()).isNotEqualTo(kid);
  }

  @Test
  void aRotatedKeySignsOnlyOnceActiveWhileTheOldOneKeepsVerifyingUntilRetired() throws Exception {
    Instant activation = NOW.plusSeconds(5);
    Instant retirement = activation.plus(ACCESS_LIFETIME).plusSeconds(60);
    SigningKeyStore.StoredKey old = stored(FIRST, NOW.minusSeconds(3600), retirement);
    SigningKeyStore.StoredKey next = stored(SECOND, activation, null);
    SigningKeys keys = keys(old, next);
    AccessTokenIssuer issuer = new AccessTokenIssuer(settings(), keys, clock);

    String before = issuer.issue(student(), UUID.randomUUID()).token();
    assertThat(keys.signingKey().kid()).isEqualTo(old.kid());
    assertThat(keys.verifyingKeys())
        .extracting(SigningKey::kid)
        .containsExactly(next.kid(), old.kid());

    clock.advance(Duration.ofSeconds(5));
    String after = issuer.issue(student(), UUID.randomUUID()).token();
    assertThat(keys.signingKey().kid()).isEqualTo(next.kid());
    String jwks = PublicKeyConfigSource.currentValue();
    assertThat(verifyWithJwks(before, jwks)).isNotNull();
    assertThat(verifyWithJwks(after, jwks)).isNotNull();

    clock.advance(ACCESS_LIFETIME.plusSeconds(60));
    assertThat(keys.verifyingKeys()).extracting(SigningKey::kid).containsExactly(next.kid());
    assertThat(PublicKeyConfigSource.currentValue()).contains(next.kid()).doesNotContain(old.kid());
  }

  @Test
  void aTokenDoesNotVerifyWithAnotherKey() {
    SigningKeys keys = keys(stored(FIRST, NOW, null));
    String token =
        new AccessTokenIssuer(settings(), keys, clock).issue(student(), UUID.randomUUID()).token();
    JwtConsumer stranger =
        new JwtConsumerBuilder()
            .setVerificationKey(SECOND.getPublic())
            .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
            .build();

    assertThatThrownBy(() -> stranger.process(token)).isInstanceOf(InvalidJwtException.class);
  }

  @Test
  void theConfigSourcePublishesTheVerifyingKeysAsJwks() throws Exception {
    PublicKeyConfigSource source = new PublicKeyConfigSource();
    assertThat(source.getPropertyNames()).isEmpty();

    SigningKeys keys = keys(stored(FIRST, NOW, null));

    String value = source.getValue("mp.jwt.verify.publickey");
    assertThat(new JsonWebKeySet(value).getJsonWebKeys())
        .extracting(JsonWebKey::getKeyId)
        .containsExactly(keys.signingKey().kid());
    assertThat(value).doesNotContain("\"d\"").doesNotContain("\"p\"");
    assertThat(source.getPropertyNames()).containsExactly("mp.jwt.verify.publickey");
    assertThat(source.getValue("mp.jwt.verify.issuer")).isNull();
  }

  @Test
  void privateKeysAreStoredAsPemWithoutASecretAndSealedWithOne() {
    PrivateKeyCodec plain = new PrivateKeyCodec(Optional.empty());
    String pem = plain.encodePrivate(FIRST.getPrivate());
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(plain.decodePrivate(pem, "k").getEncoded())
        .isEqualTo(FIRST.getPrivate().getEncoded());

    PrivateKeyCodec sealed = new PrivateKeyCodec(Optional.of("a long operator secret"));
    String encrypted = sealed.encodePrivate(FIRST.getPrivate());
    assertThat(encrypted).startsWith(PrivateKeyCodec.ENCRYPTED_PREFIX).doesNotContain("BEGIN");
    assertThat(sealed.encodePrivate(FIRST.getPrivate()))
        .as("random salt and iv")
        .isNotEqualTo(encrypted);
    assertThat(sealed.decodePrivate(encrypted, "k").getEncoded())
        .isEqualTo(FIRST.getPrivate().getEncoded());
    // A plain key stays readable once a secret is configured.
    assertThat(sealed.decodePrivate(pem, "k").getEncoded())
        .isEqualTo(FIRST.getPrivate().getEncoded());

    assertThatThrownBy(() -> plain.decodePrivate(encrypted, "k1"))
        .hasMessageContaining("LMS_JWT_KEY_SECRET is not set");
    assertThatThrownBy(
            () -> new PrivateKeyCodec(Optional.of("another secret")).decodePrivate(encrypted, "k1"))
        .hasMessageContaining("LMS_JWT_KEY_SECRET is wrong");
  }

  @Test
  void theKeyFolderOfEarlierVersionsIsReadWhenPresent() throws Exception {
    assertThat(KeyFolder.read(tempDir)).isEmpty();
    Files.writeString(
        tempDir.resolve(KeyFolder.PRIVATE_FILE),
        PrivateKeyCodec.pem("PRIVATE KEY", FIRST.getPrivate().getEncoded()),
        StandardCharsets.US_ASCII);
    Files.writeString(
        tempDir.resolve(KeyFolder.PUBLIC_FILE),
        PrivateKeyCodec.encodePublic(FIRST.getPublic()),
        StandardCharsets.US_ASCII);

    KeyPair read = KeyFolder.read(tempDir).orElseThrow();

    assertThat(read.getPublic().getEncoded()).isEqualTo(FIRST.getPublic().getEncoded());
    assertThat(read.getPrivate().getEncoded()).isEqualTo(FIRST.getPrivate().getEncoded());
  }
}
