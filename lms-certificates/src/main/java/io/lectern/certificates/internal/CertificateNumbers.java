package io.lectern.certificates.internal;

import io.lectern.shared.text.RandomCodes;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificate numbers such as {@code LEC-7K3M-9QXD-2HFA-R8WZ}: 16 random characters of Crockford's
 * base 32 (no I, L, O or U, so nothing is misread), 80 random bits, which nobody guesses; grouped
 * by four so a person can read one out. Uniqueness is also enforced by the database.
 */
public final class CertificateNumbers {

  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final Pattern FORMAT = Pattern.compile("LEC(-[0-9A-HJKMNP-TV-Z]{4}){4}");

  private CertificateNumbers() {}

  public static String next() {
    return RandomCodes.grouped("LEC", 4, ALPHABET);
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
