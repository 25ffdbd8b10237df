package io.lectern.shared.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.shared.error.LmsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GuardedJsonInputTest {

  private static String readThrough(String json, long maxBytes, int maxDepth) throws IOException {
    try (InputStream in =
        new GuardedJsonInput(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), maxBytes, maxDepth)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String code(String json) {
    try {
      readThrough(json, 1 << 20, 8);
      return null;
    } catch (LmsException e) {
      return e.code();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void passesOrdinaryJsonUnchanged() throws IOException {
    String json =
        "{\"title\":\"Caf\\u00e9 \\\"quoted\\\" \\\\ \\n line\",\"emoji\":\"\\ud83d\\ude00 \uD83D\uDE00\","
            + "\"list\":[1,2,{\"a\":[true,null]}],\"brackets\":\"[[[{{{\"}";
    assertThat(readThrough(json, 1 << 20, 4)).isEqualTo(json);
  }

  @Test
  void refusesControlCharactersInStringsRawOrEscaped() {
    assertThat(code("{\"a\":\"x\\u0000y\"}")).isEqualTo("request.control-character");
    assertThat(code("{\"a\":\"x\\u001Fy\"}")).isEqualTo("request.control-character");
    assertThat(code("{\"a\":\"x\\u007fy\"}")).isEqualTo("request.control-character");
    assertThat(code("{\"a\":\"x\u0001y\"}")).isEqualTo("request.control-character");
    assertThat(code("{\"a\":\"tab\\tnew\\nline\\r\\u0009\\u000A\"}")).isNull();
    assertThat(code("{\"a\\u0000\":1}")).isEqualTo("request.control-character");
  }

  @Test
  void refusesUnpairedSurrogates() {
    assertThat(code("{\"a\":\"\\ud800\"}")).isEqualTo("request.invalid-unicode");
    assertThat(code("{\"a\":\"\\ud800x\"}")).isEqualTo("request.invalid-unicode");
    assertThat(code("{\"a\":\"\\ud800\\n\"}")).isEqualTo("request.invalid-unicode");
    assertThat(code("{\"a\":\"\\ud800\\u0041\"}")).isEqualTo("request.invalid-unicode");
    assertThat(code("{\"a\":\"\\udc00\"}")).isEqualTo("request.invalid-unicode");
    assertThat(code("{\"a\":\"\\uD83D\\uDE00\"}")).isNull();
  }

  @Test
  void refusesAnythingButWhiteSpaceAfterTheTopLevelValue() {
    assertThat(code("{\"a\":1} {}")).isEqualTo("request.malformed-json");
    assertThat(code("[1,2]x")).isEqualTo("request.malformed-json");
    assertThat(code("\"text\" 1")).isEqualTo("request.malformed-json");
    assertThat(code("{\"a\":[1,{\"b\":2}]} \r\n\t ")).isNull();
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    assertThat(code("[".repeat(8) + "]".repeat(8))).isNull();
    assertThat(code("[".repeat(9) + "]".repeat(9))).isEqualTo("request.too-deep");
    assertThat(code("[".repeat(2000))).isEqualTo("request.too-deep");
    assertThat(code("{\"a\":\"" + "[".repeat(50) + "\"}")).isNull();
  }

  @Test
  void refusesBodiesLongerThanTheLimitWhateverTheyAnnounce() {
    assertThatThrownBy(() -> readThrough("\"" + "x".repeat(100) + "\"", 50, 8))
        .isInstanceOfSatisfying(
            LmsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("request.too-large");
              assertThat(e.kind().status()).isEqualTo(413);
            });
  }

  @Test
  void checksJsonHeldInAString() {
    GuardedJsonInput.check("{\"a\":[1]}", 8);
    assertThatThrownBy(() -> GuardedJsonInput.check("{\"a\":\"\\u0000\"}", 8))
        .isInstanceOf(LmsException.class);
  }

  @Test
  void finishAcceptsTrailingWhiteSpaceWithinTheLimitOnly() throws IOException {
    GuardedJsonInput ok =
        new GuardedJsonInput(
            new ByteArrayInputStream("{\"a\":1}  \n".getBytes(StandardCharsets.UTF_8)), 100, 8);
    ok.readNBytes(7);
    ok.finish();

    GuardedJsonInput trailing =
        new GuardedJsonInput(
            new ByteArrayInputStream("{\"a\":1} x".getBytes(StandardCharsets.UTF_8)), 100, 8);
    trailing.readNBytes(7);
    assertThatThrownBy(trailing::finish)
        .isInstanceOfSatisfying(
            LmsException.class, e -> assertThat(e.code()).isEqualTo("request.malformed-json"));

    GuardedJsonInput padded =
        new GuardedJsonInput(
            new ByteArrayInputStream(
                ("{\"a\":1}" + " ".repeat(200)).getBytes(StandardCharsets.UTF_8)),
            100,
            8);
    padded.readNBytes(7);
    assertThatThrownBy(padded::finish)
        .isInstanceOfSatisfying(
            LmsException.class, e -> assertThat(e.code()).isEqualTo("request.too-large"));
  }
}
