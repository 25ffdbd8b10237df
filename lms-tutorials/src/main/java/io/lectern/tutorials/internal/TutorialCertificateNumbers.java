package io.lectern.tutorials.internal;

import io.lectern.shared.text.RandomCodes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Public numbers of tutorial certificates: {@code TUT-} and 12 random characters in groups of four
 * (60 bits from a secure random source, so numbers cannot be guessed), from an alphabet without the
 * look-alikes 0/O and 1/I.
 */
@ApplicationScoped
public class TutorialCertificateNumbers {

  static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  public String next() {
    return RandomCodes.grouped("TUT", 3, ALPHABET);
  }
}
