package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RefreshTokenSecretTest {

  private static final String JTI_22 = "abcdefghijklmnopqrstuv";
  private static final String SECRET_43 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_0123";

  @Test
  void generatedValueHasTheDocumentedShape() {
    RefreshTokenSecret token = RefreshTokenSecret.generate();

    assertThat(token.jti()).matches("[A-Za-z0-9_-]{22}");
    assertThat(token.secret()).matches("[A-Za-z0-9_-]{43}");
    assertThat(token.value()).isEqualTo(token.jti() + "." + token.secret());
  }

  @Test
  void generatedValueRoundTripsThroughParse() {
    RefreshTokenSecret token = RefreshTokenSecret.generate();

    RefreshTokenSecret parsed = RefreshTokenSecret.parse(token.value());

    assertThat(parsed).isNotNull();
    assertThat(parsed.jti()).isEqualTo(token.jti());
    assertThat(parsed.secret()).isEqualTo(token.secret());
    assertThat(parsed).isEqualTo(token);
  }

  @Test
  void twoGeneratedTokensDiffer() {
    RefreshTokenSecret first = RefreshTokenSecret.generate();
    RefreshTokenSecret second = RefreshTokenSecret.generate();

    assertThat(first.jti()).isNotEqualTo(second.jti());
    assertThat(first.secret()).isNotEqualTo(second.secret());
  }

  @Test
  void parseAcceptsAHandWrittenValueOfTheRightShape() {
    RefreshTokenSecret parsed = RefreshTokenSecret.parse(JTI_22 + "." + SECRET_43);

    assertThat(parsed).isEqualTo(new RefreshTokenSecret(JTI_22, SECRET_43));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "   ", "\t", "\n"})
  void parseRejectsNullAndBlanks(String presented) {
    assertThat(RefreshTokenSecret.parse(presented)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // no dot at all
        JTI_22 + SECRET_43,
        // jti one character short / long
        "abcdefghijklmnopqrstu." + SECRET_43,
        "abcdefghijklmnopqrstuvw." + SECRET_43,
        // secret one character short / long
        JTI_22 + ".ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_012",
        JTI_22 + ".ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_01234",
        // characters outside the URL-safe base64 alphabet
        "abcdefghijklmnopqrst+/." + SECRET_43,
        JTI_22 + ".ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_01=3",
        // surrounding whitespace
        " " + JTI_22 + "." + SECRET_43,
        JTI_22 + "." + SECRET_43 + " ",
        // swapped halves
        SECRET_43 + "." + JTI_22,
        // something that is not ours at all
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
      })
  void parseRejectsWrongShapes(String presented) {
    assertThat(RefreshTokenSecret.parse(presented)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        JTI_22 + ".." + SECRET_43,
        JTI_22 + "." + SECRET_43 + ".",
        "." + JTI_22 + "." + SECRET_43,
        JTI_22 + "." + SECRET_43 + "." + SECRET_43
      })
  void parseRejectsExtraDots(String presented) {
    assertThat(RefreshTokenSecret.parse(presented)).isNull();
  }

  @Test
  void hashIsLowercaseHexSha256OfTheSecretAndNotTheSecretItself() throws Exception {
    RefreshTokenSecret token = RefreshTokenSecret.generate();

    String hash = token.hash();

    assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(hash).isNotEqualTo(token.secret()).doesNotContain(token.secret());
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.secret().getBytes(StandardCharsets.US_ASCII)));
    assertThat(hash).isEqualTo(expected);
  }

  @Test
  void hashIsStableForTheSameSecretAndDiffersForAnotherSecret() {
    RefreshTokenSecret token = RefreshTokenSecret.generate();
    RefreshTokenSecret other = RefreshTokenSecret.generate();

    assertThat(RefreshTokenSecret.parse(token.value()).hash()).isEqualTo(token.hash());
    assertThat(other.hash()).isNotEqualTo(token.hash());
  }

  @Test
  void matchesItsOwnStoredHash() {
    RefreshTokenSecret token = RefreshTokenSecret.generate();
    String stored = token.hash();

    assertThat(RefreshTokenSecret.parse(token.value()).matches(stored)).isTrue();
  }

  @Test
  void doesNotMatchAnotherTokensHashOrTheRawSecret() {
    RefreshTokenSecret token = RefreshTokenSecret.generate();
    RefreshTokenSecret other = RefreshTokenSecret.generate();

    assertThat(token.matches(other.hash())).isFalse();
    assertThat(token.matches(token.secret())).isFalse();
    assertThat(token.matches(token.hash().toUpperCase())).isFalse();
    assertThat(token.matches("")).isFalse();
  }

  @Test
  void sameJtiWithADifferentSecretDoesNotMatch() {
    RefreshTokenSecret token = RefreshTokenSecret.generate();
    RefreshTokenSecret forged =
        new RefreshTokenSecret(token.jti(), RefreshTokenSecret.generate().secret());

    assertThat(forged.matches(token.hash())).isFalse();
  }
}
