package io.lectern.users.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The opaque refresh token a client holds: {@code <jti>.<secret>}. The jti finds the row; only a
 * SHA-256 hash of the 256-bit random secret is stored, so a database leak yields no usable token.
 */
record RefreshTokenSecret(String jti, String secret) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");

  static RefreshTokenSecret generate() {
    return new RefreshTokenSecret(randomPart(16), randomPart(32));
  }

  /** Parses what a client sent; null when it cannot be a token of ours. */
  static RefreshTokenSecret parse(String presented) {
    if (presented == null || !SHAPE.matcher(presented).matches()) {
      return null;
    }
    int dot = presented.indexOf('.');
    return new RefreshTokenSecret(presented.substring(0, dot), presented.substring(dot + 1));
  }

  String hash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean matches(String storedHash) {
    return MessageDigest.isEqual(
        hash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  String value() {
    return jti + "." + secret;
  }

  private static String randomPart(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
