package io.lectern.certificates.internal;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificate numbers such as {@code LEC-7K3M-9QXD-2HFA-R8WZ}: 16 random characters of Crockford's
 * base 32 (no I, L, O or U, so nothing is misread) from a {@link SecureRandom}, 80 bits, which
 * nobody guesses; grouped by four so a person can read one out. Uniqueness is also enforced by the
 * database.
 */
public final class CertificateNumbers {

  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final Pattern FORMAT = Pattern.compile("LEC(-[0-9A-HJKMNP-TV-Z]{4}){4}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateNumbers() {}

  public static String next() {
    StringBuilder number = new StringBuilder("LEC");
    for (int group = 0; group < 4; group++) {
      number.append('-');
      for (int i = 0; i < 4; i++) {
        number.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
    }
    return number.toString();
  }

  /**
   * The number as stored, from what a person typed (any case, surrounding spaces); empty when it
   * cannot be a certificate number.
   */
  public static Optional<String> normalize(String input) {
    if (input == null || input.length() > 40) {
      return Optional.empty();
    }
    String number = input.strip().toUpperCase(Locale.ROOT);
    return FORMAT.matcher(number).matches() ? Optional.of(number) : Optional.empty();
  }
}
