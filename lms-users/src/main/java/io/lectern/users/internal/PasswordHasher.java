package io.lectern.users.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Deliberately slow, salted password hashing with the platform's PBKDF2-HMAC-SHA256. The stored
 * form names its algorithm and iteration count ({@code pbkdf2-sha256$310000$salt$hash}), so the
 * cost can be raised later without breaking existing hashes.
 */
@ApplicationScoped
public class PasswordHasher {

  static final String ALGORITHM = "pbkdf2-sha256";
  public static final int MIN_ITERATIONS = 210_000;

  /** Guards against a corrupt stored value that would make one check run for minutes. */
  static final int MAX_ITERATIONS = 10_000_000;

  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;

  private final SecureRandom random = new SecureRandom();
  private int iterations;
  private String dummyHash;

  protected PasswordHasher() {}

  @Inject
  public PasswordHasher(IdentitySettings settings) {
    this.iterations = Math.max(MIN_ITERATIONS, settings.passwordHashIterations());
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return ALGORITHM
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(key);
  }

  /** True when the password matches the stored hash; a corrupt stored value never matches. */
  public boolean matches(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      if (storedIterations < 1 || storedIterations > MAX_ITERATIONS) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, storedIterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Spends the same time as a real check, so that an unknown email cannot be told apart from a
   * wrong password by the response time.
   */
  public void burnEquivalentTime(String password) {
    if (dummyHash == null) {
      dummyHash = hash("not-a-real-password");
    }
    matches(password, dummyHash);
  }

  private static byte[] derive(String password, byte[] salt, int rounds) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
