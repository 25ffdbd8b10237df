package io.lectern.tutorials.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Public numbers of tutorial certificates: {@code TUT-} and 12 random characters in groups of four
 * (60 bits from a secure random source, so numbers cannot be guessed), from an alphabet without the
 * look-alikes 0/O and 1/I.
 */
@ApplicationScoped
public class CertificateNumbers {

  static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private final SecureRandom random = new SecureRandom();

  public String next() {
    StringBuilder number = new StringBuilder("TUT");
    for (int i = 0; i < 12; i++) {
      if (i % 4 == 0) {
        number.append('-');
      }
      number.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return number.toString();
  }
}
