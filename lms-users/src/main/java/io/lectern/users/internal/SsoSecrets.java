package io.lectern.users.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random values of the single sign-on flow: state, nonce, PKCE verifier, one-time codes. */
final class SsoSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SsoSecrets() {}

  /** 256 random bits, base64url without padding (43 characters, also a valid PKCE verifier). */
  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))). */
  static String challenge(String verifier) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  /** How a one-time code is stored: its SHA-256 in hex, so that a database leak redeems nothing. */
  static String hash(String code) {
    return HexFormat.of().formatHex(sha256(code.getBytes(StandardCharsets.UTF_8)));
  }

  static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
