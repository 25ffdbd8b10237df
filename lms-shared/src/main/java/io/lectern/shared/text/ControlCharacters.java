package io.lectern.shared.text;

/**
 * The one rule for characters that text sent by a client may not contain: C0 control characters
 * (U+0000 to U+001F), DEL and unpaired UTF-16 surrogates. PostgreSQL refuses NUL in text, and none
 * of these belongs in a name, a title or an identifier. Multi-line text (descriptions, answers) may
 * keep tab, line feed and carriage return.
 */
public final class ControlCharacters {

  private ControlCharacters() {}

  /**
   * The index of the first character not allowed in single-line text (any control character, tab
   * and newlines included), or -1 when there is none.
   */
  public static int firstInLine(CharSequence text) {
    return first(text, false);
  }

  /**
   * The index of the first character that is not allowed in multi-line text, or -1 when there is
   * none.
   */
  public static int firstInText(CharSequence text) {
    return first(text, true);
  }

  /** {@code U+0000}: how a message names the character at {@code index}. */
  public static String describe(CharSequence text, int index) {
    return String.format("U+%04X", (int) text.charAt(index));
  }

  /** Whether a code point (or a UTF-16 unit met alone) is refused in multi-line text. */
  public static boolean refusedInText(int codePoint) {
    return (codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r')
        || codePoint == 0x7F
        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
  }

  private static int first(CharSequence text, boolean multiLine) {
    if (text == null) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (refusedInText(c) || (!multiLine && c < 0x20)) {
        return i;
      }
    }
    return -1;
  }
}
