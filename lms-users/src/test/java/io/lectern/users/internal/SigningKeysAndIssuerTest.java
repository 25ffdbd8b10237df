package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lectern.shared.security.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysAndIssuerTest {

  private static final String ISSUER = "lectern-test";
  private static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private final Clock fixedClock = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tempDir;

  private static IdentitySettings settings(Path keyDirectory) {
    return new IdentitySettings(
        ISSUER,
        ACCESS_LIFETIME,
        Duration.ofDays(30),
        keyDirectory,
        PasswordHasher.MIN_ITERATIONS,
        5,
        20,
        Duration.ofMinutes(15));
  }

  private static SigningKeys loadedKeys(IdentitySettings settings) {
    SigningKeys keys = new SigningKeys(settings);
    keys.load();
    return keys;
  }

  private static User student() {
    return new User("Student.One@Example.com", "irrelevant-hash", "Student One", Role.STUDENT, NOW);
  }

  private JwtConsumer consumer(SigningKeys keys) {
    return new JwtConsumerBuilder()
        .setVerificationKey(keys.publicKey())
        .setExpectedIssuer(ISSUER)
        .setRequireSubject()
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setEvaluationTime(NumericDate.fromMilliseconds(fixedClock.millis()))
        .build();
  }

  @Test
  void firstLoadGeneratesBothPemFilesInTheKeyFolder() throws Exception {
    Path keyDir = tempDir.resolve("not-yet").resolve("keys");

    SigningKeys keys = loadedKeys(settings(keyDir));

    Path privatePem = keyDir.resolve("jwt-private.pem");
    Path publicPem = keyDir.resolve("jwt-public.pem");
    assertThat(privatePem).isRegularFile();
    assertThat(publicPem).isRegularFile();
    assertThat(Files.readString(privatePem, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    assertThat(Files.readString(publicPem, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n")
        .isEqualTo(keys.publicKeyPem());
    assertThat(keys.privateKey()).isNotNull();
    assertThat(keys.privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(keys.publicKey()).isNotNull();
    assertThat(keys.publicKey().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void privateKeyFileIsReadableByTheOwnerOnly() throws Exception {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions are not supported here");

    loadedKeys(settings(tempDir));

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tempDir.resolve("jwt-private.pem"))))
        .isEqualTo("rw-------");
  }

  @Test
  void secondInstanceOnTheSameFolderLoadsTheSameKeysInsteadOfGeneratingNewOnes() throws Exception {
    SigningKeys first = loadedKeys(settings(tempDir));
    String privateBefore =
        Files.readString(tempDir.resolve("jwt-private.pem"), StandardCharsets.US_ASCII);

    SigningKeys second = loadedKeys(settings(tempDir));

    assertThat(second.publicKey()).isEqualTo(first.publicKey());
    assertThat(second.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
    assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    assertThat(second.publicKeyPem()).isEqualTo(first.publicKeyPem());
    assertThat(Files.readString(tempDir.resolve("jwt-private.pem"), StandardCharsets.US_ASCII))
        .isEqualTo(privateBefore);
  }

  @Test
  void differentFoldersGetDifferentKeys() {
    SigningKeys one = loadedKeys(settings(tempDir.resolve("one")));
    SigningKeys two = loadedKeys(settings(tempDir.resolve("two")));

    assertThat(two.publicKey()).isNotEqualTo(one.publicKey());
  }

  @Test
  void issuedTokenVerifiesAndCarriesTheIdentityClaims() throws Exception {
    SigningKeys keys = loadedKeys(settings(tempDir));
    AccessTokenIssuer issuer = new AccessTokenIssuer(settings(tempDir), keys, fixedClock);
    User user = student();
    UUID sessionId = UUID.randomUUID();

    AccessTokenIssuer.IssuedAccessToken issued = issuer.issue(user, sessionId);

    assertThat(issued.expiresInSeconds()).isEqualTo(ACCESS_LIFETIME.toSeconds());
    JwtContext context = consumer(keys).process(issued.token());
    JwtClaims claims = context.getJwtClaims();
    assertThat(context.getJoseObjects().get(0).getAlgorithmHeaderValue())
        .isEqualTo(AlgorithmIdentifiers.RSA_USING_SHA256);
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getSubject()).isEqualTo(user.id().toString());
    assertThat(claims.getStringClaimValue("upn")).isEqualTo("student.one@example.com");
    assertThat(claims.getStringListClaimValue("groups")).containsExactly("student");
    assertThat(claims.getStringClaimValue(AccessTokenIssuer.SESSION_CLAIM))
        .isEqualTo(sessionId.toString());
    assertThat(claims.getJwtId()).isNotBlank();
    assertThat(claims.getIssuedAt().getValue()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .isEqualTo(ACCESS_LIFETIME.toSeconds());
  }

  @Test
  void groupsCarryTheRoleValueOfTheUser() throws Exception {
    SigningKeys keys = loadedKeys(settings(tempDir));
    AccessTokenIssuer issuer = new AccessTokenIssuer(settings(tempDir), keys, fixedClock);
    User admin = new User("root@example.com", "irrelevant-hash", "Root", Role.ADMIN, NOW);

    String token = issuer.issue(admin, UUID.randomUUID()).token();

    assertThat(consumer(keys).processToClaims(token).getStringListClaimValue("groups"))
        .containsExactly("admin");
  }

  @Test
  void eachTokenHasItsOwnJwtId() throws Exception {
    SigningKeys keys = loadedKeys(settings(tempDir));
    AccessTokenIssuer issuer = new AccessTokenIssuer(settings(tempDir), keys, fixedClock);
    User user = student();
    UUID sessionId = UUID.randomUUID();

    String first = issuer.issue(user, sessionId).token();
    String second = issuer.issue(user, sessionId).token();

    assertThat(consumer(keys).processToClaims(first).getJwtId())
        .isNotEqualTo(consumer(keys).processToClaims(second).getJwtId());
  }

  @Test
  void issuedTokenDoesNotVerifyWithAnotherKey() {
    SigningKeys keys = loadedKeys(settings(tempDir.resolve("signer")));
    SigningKeys stranger = loadedKeys(settings(tempDir.resolve("stranger")));
    AccessTokenIssuer issuer = new AccessTokenIssuer(settings(tempDir), keys, fixedClock);

    String token = issuer.issue(student(), UUID.randomUUID()).token();

    assertThatThrownBy(() -> consumer(stranger).process(token))
        .isInstanceOf(InvalidJwtException.class);
  }

  @Test
  void issuedTokenIsRejectedOnceItsLifetimeHasPassed() {
    SigningKeys keys = loadedKeys(settings(tempDir));
    AccessTokenIssuer issuer = new AccessTokenIssuer(settings(tempDir), keys, fixedClock);
    String token = issuer.issue(student(), UUID.randomUUID()).token();
    JwtConsumer later =
        new JwtConsumerBuilder()
            .setVerificationKey(keys.publicKey())
            .setExpectedIssuer(ISSUER)
            .setEvaluationTime(
                NumericDate.fromMilliseconds(
                    NOW.plus(ACCESS_LIFETIME).plus(Duration.ofMinutes(5)).toEpochMilli()))
            .build();

    assertThatThrownBy(() -> later.process(token)).isInstanceOf(InvalidJwtException.class);
  }

  @Test
  void loadPublishesThePublicKeyToTheConfigSource() {
    PublicKeyConfigSource source = new PublicKeyConfigSource();
    SigningKeys earlier = loadedKeys(settings(tempDir.resolve("earlier")));
    assertThat(source.getValue("mp.jwt.verify.publickey")).isEqualTo(earlier.publicKeyPem());

    SigningKeys keys = loadedKeys(settings(tempDir.resolve("current")));

    assertThat(keys.publicKeyPem()).isNotEqualTo(earlier.publicKeyPem());
    assertThat(source.getValue("mp.jwt.verify.publickey")).isEqualTo(keys.publicKeyPem());
    assertThat(source.getProperties())
        .containsEntry("mp.jwt.verify.publickey", keys.publicKeyPem());
    assertThat(source.getPropertyNames()).containsExactly("mp.jwt.verify.publickey");
    assertThat(source.getValue("mp.jwt.verify.issuer")).isNull();
  }
}
