package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateNumbersTest {

  @Test
  void numbersAreGroupedCrockfordBase32WithoutAmbiguousLetters() {
    for (int i = 0; i < 1000; i++) {
      String number = CertificateNumbers.next();
      assertThat(number).matches("LEC(-[0-9A-Z]{4}){4}").doesNotContain("I", "L-", "O", "U");
      assertThat(number.substring(4)).doesNotContain("L");
      assertThat(CertificateNumbers.normalize(number)).contains(number);
    }
  }

  @Test
  void numbersDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      assertThat(seen.add(CertificateNumbers.next())).isTrue();
    }
  }

  @Test
  void normalizeAcceptsWhatAPersonTypesAndRejectsTheRest() {
    assertThat(CertificateNumbers.normalize("  lec-7k3m-9qxd-2hfa-r8wz "))
        .contains("LEC-7K3M-9QXD-2HFA-R8WZ");
    assertThat(CertificateNumbers.normalize("LEC-7K3M-9QXD-2HFA")).isEmpty();
    assertThat(CertificateNumbers.normalize("LEC-7K3M-9QXD-2HFA-R8WU")).isEmpty();
    assertThat(CertificateNumbers.normalize("<script>")).isEmpty();
    assertThat(CertificateNumbers.normalize(null)).isEmpty();
    assertThat(CertificateNumbers.normalize("x".repeat(100))).isEmpty();
  }
}
