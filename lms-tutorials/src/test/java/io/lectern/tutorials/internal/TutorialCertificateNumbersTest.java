package io.lectern.tutorials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateNumbersTest {

  @Test
  void numbersAreReadableAndDistinct() {
    TutorialCertificateNumbers numbers = new TutorialCertificateNumbers();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String number = numbers.next();
      assertThat(number).matches("TUT-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
      seen.add(number);
    }
    assertThat(seen).hasSize(1000);
  }
}
