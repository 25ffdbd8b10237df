package io.lectern.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

  @Test
  void multiLineTextKeepsTabsAndNewlines() {
    assertThat(ControlCharacters.firstInText("a\tb\nc\r\n")).isEqualTo(-1);
    assertThat(ControlCharacters.firstInText("caf\u00e9 \uD83D\uDE00")).isEqualTo(-1);
    assertThat(ControlCharacters.firstInText("ab\u0000")).isEqualTo(2);
    assertThat(ControlCharacters.firstInText("\u007f")).isZero();
    assertThat(ControlCharacters.firstInText("x\uD800y")).isEqualTo(1);
    assertThat(ControlCharacters.firstInText("x\uDC00")).isEqualTo(1);
    assertThat(ControlCharacters.firstInText(null)).isEqualTo(-1);
  }

  @Test
  void singleLineTextRefusesEveryControlCharacter() {
    assertThat(ControlCharacters.firstInLine("a\tb")).isEqualTo(1);
    assertThat(ControlCharacters.firstInLine("a\r\nb")).isEqualTo(1);
    assertThat(ControlCharacters.firstInLine("plain words \uD83D\uDE00")).isEqualTo(-1);
    assertThat(ControlCharacters.describe("a\u0000", 1)).isEqualTo("U+0000");
  }
}
