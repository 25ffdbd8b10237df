package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

  private static IdentitySettings settingsWithIterations(int iterations) {
    return new IdentitySettings(
        "lectern-test",
        Duration.ofMinutes(15),
        Duration.ofDays(30),
        Path.of("unused"),
        iterations,
        5,
        20,
        Duration.ofMinutes(15));
  }

  private final PasswordHasher hasher = new PasswordHasher(settingsWithIterations(1));

  @Test
  void hashNamesAlgorithmIterationsSaltAndKey() {
    String stored = hasher.hash("correct horse battery staple");

    String[] parts = stored.split("\\$");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
    assertThat(parts[1]).matches("\\d+");
    assertThat(parts[2]).isNotEmpty().matches("[A-Za-z0-9+/]+");
    assertThat(parts[3]).isNotEmpty().matches("[A-Za-z0-9+/]+");
  }

  @Test
  void iterationsNeverDropBelowTheMinimumEvenWhenSettingsAskForFewer() {
    String stored = hasher.hash("secret-password");

    assertThat(Integer.parseInt(stored.split("\\$")[1])).isEqualTo(PasswordHasher.MIN_ITERATIONS);
  }

  @Test
  void iterationsAboveTheMinimumAreHonoured() {
    int wanted = PasswordHasher.MIN_ITERATIONS + 1;
    PasswordHasher stronger = new PasswordHasher(settingsWithIterations(wanted));

    String stored = stronger.hash("secret-password");

    assertThat(Integer.parseInt(stored.split("\\$")[1])).isEqualTo(wanted);
    assertThat(stronger.matches("secret-password", stored)).isTrue();
  }

  @Test
  void samePasswordHashesDifferentlyEachTime() {
    String first = hasher.hash("same-password");
    String second = hasher.hash("same-password");

    assertThat(first).isNotEqualTo(second);
    assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
    assertThat(hasher.matches("same-password", first)).isTrue();
    assertThat(hasher.matches("same-password", second)).isTrue();
  }

  @Test
  void matchesTheRightPassword() {
    String stored = hasher.hash("right-password");

    assertThat(hasher.matches("right-password", stored)).isTrue();
  }

  @Test
  void rejectsAWrongPassword() {
    String stored = hasher.hash("right-password");

    assertThat(hasher.matches("wrong-password", stored)).isFalse();
    assertThat(hasher.matches("right-password ", stored)).isFalse();
    assertThat(hasher.matches("", stored)).isFalse();
  }

  @Test
  void rejectsAHashWhoseKeyWasTamperedWith() {
    String stored = hasher.hash("right-password");
    int lastDollar = stored.lastIndexOf('$');
    String key = stored.substring(lastDollar + 1);
    char flipped = key.charAt(0) == 'A' ? 'B' : 'A';
    String tampered = stored.substring(0, lastDollar + 1) + flipped + key.substring(1);

    assertThat(hasher.matches("right-password", tampered)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-a-hash",
        "pbkdf2-sha256",
        "pbkdf2-sha256$210000$c2FsdA",
        "pbkdf2-sha256$210000$c2FsdA$a2V5$extra",
        "bcrypt$210000$c2FsdA$a2V5",
        "$2a$10$abcdefghijklmnopqrstuv"
      })
  void rejectsAStoredValueOfTheWrongShape(String malformed) {
    assertThat(hasher.matches("right-password", malformed)).isFalse();
  }

  @Test
  void rejectsAStoredValueWithTheAlgorithmOfAnotherHasherButTheRightKey() {
    String stored = hasher.hash("right-password");
    String relabelled = stored.replaceFirst("^pbkdf2-sha256", "pbkdf2-sha512");

    assertThat(hasher.matches("right-password", relabelled)).isFalse();
  }

  /** A corrupt stored hash must fail the check (a 401), never throw (a 500). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "pbkdf2-sha256$many$c2FsdA$a2V5",
        "pbkdf2-sha256$-1$c2FsdA$a2V5",
        "pbkdf2-sha256$0$c2FsdA$a2V5",
        "pbkdf2-sha256$210000$not*base64$a2V5",
        "pbkdf2-sha256$210000$c2FsdA$not*base64"
      })
  void rejectsAStoredValueOfTheRightShapeWithUnreadableParts(String malformed) {
    assertThat(hasher.matches("right-password", malformed)).isFalse();
  }
}
