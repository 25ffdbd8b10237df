package io.lectern.shared.text;

import java.security.SecureRandom;

/**
 * Codes people read out and type, such as certificate numbers: a prefix and groups of four
 * characters drawn from a {@link SecureRandom} (5 bits each from a 32-letter alphabet), so they
 * cannot be guessed. Each kind of code chooses its alphabet; the database enforces uniqueness.
 */
public final class RandomCodes {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomCodes() {}

  /** {@code PREFIX-XXXX-XXXX...} with {@code groups} groups of four. */
  public static String grouped(String prefix, int groups, String alphabet) {
    StringBuilder code = new StringBuilder(prefix);
    for (int group = 0; group < groups; group++) {
      code.append('-');
      for (int i = 0; i < 4; i++) {
        code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      }
    }
    return code.toString();
  }
}
