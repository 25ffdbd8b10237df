package io.lectern.users.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes keys as PEM text for the database. With a secret (LMS_JWT_KEY_SECRET) private keys are
 * stored encrypted: AES-256-GCM under a key derived from the secret with PBKDF2 and a random salt
 * per key, as {@code enc:v1:<base64 salt|iv|ciphertext>}. Without one they are stored as plain
 * PKCS#8 PEM, as the key folder always held them. A key stored encrypted cannot be read without the
 * secret: that fails loudly at start-up.
 */
final class PrivateKeyCodec {

  static final String ENCRYPTED_PREFIX = "enc:v1:";
  private static final int SALT_BYTES = 16;
  private static final int IV_BYTES = 12;
  private static final int KDF_ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<String> secret;

  PrivateKeyCodec(Optional<String> secret) {
    this.secret = secret;
  }

  String encodePrivate(PrivateKey key) {
    if (secret.isEmpty()) {
      return pem("PRIVATE KEY", key.getEncoded());
    }
    try {
      byte[] salt = random(SALT_BYTES);
      byte[] iv = random(IV_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, derive(salt), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(key.getEncoded());
      ByteBuffer out = ByteBuffer.allocate(salt.length + iv.length + sealed.length);
      out.put(salt).put(iv).put(sealed);
      return ENCRYPTED_PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a signing key", e);
    }
  }

  PrivateKey decodePrivate(String stored, String kid) {
    try {
      byte[] der;
      if (stored.startsWith(ENCRYPTED_PREFIX)) {
        if (secret.isEmpty()) {
          throw new IllegalStateException(
              "The signing key "
                  + kid
                  + " is stored encrypted but LMS_JWT_KEY_SECRET is not set on this server.");
        }
        ByteBuffer in =
            ByteBuffer.wrap(
                Base64.getDecoder().decode(stored.substring(ENCRYPTED_PREFIX.length())));
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        in.get(salt).get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, derive(salt), new GCMParameterSpec(128, iv));
        try {
          der = cipher.doFinal(sealed);
        } catch (javax.crypto.AEADBadTagException e) {
          throw new IllegalStateException(
              "The signing key " + kid + " cannot be decrypted: LMS_JWT_KEY_SECRET is wrong.", e);
        }
      } else {
        der = fromPem(stored);
      }
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("The signing key " + kid + " is not a valid RSA key", e);
    }
  }

  static String encodePublic(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  static RSAPublicKey decodePublic(String pem) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(fromPem(pem)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("A stored public signing key is not a valid RSA key", e);
    }
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  static byte[] fromPem(String pem) {
    return Base64.getDecoder()
        .decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
  }

  private SecretKeySpec derive(byte[] salt) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(secret.orElseThrow().toCharArray(), salt, KDF_ITERATIONS, 256);
    try {
      byte[] key =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return new SecretKeySpec(key, "AES");
    } finally {
      spec.clearPassword();
    }
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
