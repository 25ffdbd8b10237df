package io.lectern.users.internal;

import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The RS256 keys that sign and verify access tokens, shared by every server through the database
 * ({@link SigningKeyStore}). At start-up the first server creates the first key (importing the key
 * folder of earlier versions when there is one); the others read it. A rotation adds a key that
 * starts signing after {@code LMS_JWT_KEY_ACTIVATION_SECONDS}, while the previous keys verify until
 * every token they signed has expired; other servers reload on the rotation's notification. The
 * verifying keys reach Liberty's MP-JWT verifier as a JWKS document through {@link
 * PublicKeyConfigSource}.
 */
@ApplicationScoped
public class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

  private IdentitySettings settings;
  private KeySettings keySettings;
  private SigningKeyStore store;
  private Clock clock;
  private PrivateKeyCodec codec;
  private volatile KeyRing ring = new KeyRing(List.of());

  protected SigningKeys() {}

  @Inject
  public SigningKeys(
      IdentitySettings settings, KeySettings keySettings, SigningKeyStore store, Clock clock) {
    this.settings = settings;
    this.keySettings = keySettings;
    this.store = store;
    this.clock = clock;
    this.codec = new PrivateKeyCodec(keySettings.secret());
  }

  /** Loads (or creates) the keys once the schema exists, before any request is served. */
  void loadAtStartup(@Observes @Priority(50) SchemaMigrated migrated) {
    Instant now = clock.instant();
    install(store.ensureOne(() -> firstKey(now), now));
    LOG.info("Signing access tokens with key " + signingKey().kid());
  }

  /** Reads the keys again (another server rotated, or notifications may have been missed). */
  public void reload() {
    install(store.live(clock.instant()));
  }

  /**
   * Adds a new key that signs from now + the activation delay; the current keys verify until every
   * token they may still sign has expired.
   */
  public Rotation rotate() {
    Instant now = clock.instant();
    Instant activatesAt = now.plus(keySettings.activationDelay());
    Instant retiresAt =
        activatesAt.plus(settings.accessTokenLifetime()).plus(keySettings.clockSkew());
    SigningKeyStore.StoredKey next = stored(generate(), activatesAt);
    store.rotate(next, now, retiresAt);
    reload();
    LOG.info("Rotated the signing key: " + next.kid() + " signs from " + activatesAt);
    return new Rotation(next.kid(), activatesAt, retiresAt);
  }

  /** The outcome of a rotation. */
  public record Rotation(String kid, Instant activatesAt, Instant previousKeysRetireAt) {}

  /** The key that signs now. */
  public SigningKey signingKey() {
    return ring.signing(clock.instant())
        .orElseThrow(() -> new IllegalStateException("No signing key is loaded"));
  }

  /** The keys that verify now, newest first. */
  public List<SigningKey> verifyingKeys() {
    return ring.verifying(clock.instant());
  }

  /** Installs keys directly (tests without a database). */
  void install(List<SigningKeyStore.StoredKey> stored) {
    KeyRing next =
        new KeyRing(
            stored.stream()
                .map(
                    s ->
                        new SigningKey(
                            s.kid(),
                            PrivateKeyCodec.decodePublic(s.publicKey()),
                            codec.decodePrivate(s.privateKey(), s.kid()),
                            s.activatesAt(),
                            s.retiresAt()))
                .toList());
    ring = next;
    PublicKeyConfigSource.publish(next, clock);
  }

  private SigningKeyStore.StoredKey firstKey(Instant now) {
    Optional<KeyPair> folder = KeyFolder.read(settings.keyDirectory());
    if (folder.isPresent()) {
      LOG.info("Importing the signing key of " + settings.keyDirectory() + " into the database");
    }
    return stored(folder.orElseGet(SigningKeys::generate), now);
  }

  SigningKeyStore.StoredKey stored(KeyPair pair, Instant activatesAt) {
    RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
    return new SigningKeyStore.StoredKey(
        KeyRing.thumbprint(publicKey),
        PrivateKeyCodec.encodePublic(publicKey),
        codec.encodePrivate(pair.getPrivate()),
        activatesAt,
        null);
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate an RSA key pair", e);
    }
  }
}
