package io.lectern.shared.json;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.text.ControlCharacters;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body as the parser reads it, checked byte by byte on the way: at most {@code
 * maxBytes} (413, also for chunked bodies that announce no length), arrays and objects nested at
 * most {@code maxDepth} deep (400, before a recursive parser can overflow its stack), and no string
 * holding a character that {@link ControlCharacters} refuses, whether raw or escaped ({@code
 * \u0000}, an unpaired {@code \ud800}) (400), and nothing but white space after the top-level
 * array, object or string (400). It costs one pass over bytes the parser reads anyway and keeps no
 * more than a few fields of state.
 */
public final class GuardedJsonInput extends FilterInputStream {

  /** Deeper than any body of the API; far below what a recursive parser can survive. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  private final long maxBytes;
  private final int maxDepth;
  private long read;
  private int depth;
  private boolean inString;
  private boolean escaped;
  private int hexDigitsLeft = -1;
  private int escapedUnit;
  private boolean lowSurrogateExpected;

  /** The top-level array, object or string has ended: only white space may follow. */
  private boolean complete;

  public GuardedJsonInput(InputStream in, long maxBytes, int maxDepth) {
    super(in);
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
  }

  /** Checks a whole JSON text held in memory (a JSON document nested inside a string). */
  public static void check(String json, int maxDepth) {
    GuardedJsonInput guard =
        new GuardedJsonInput(InputStream.nullInputStream(), Long.MAX_VALUE, maxDepth);
    for (byte b : json.getBytes(StandardCharsets.UTF_8)) {
      guard.inspect(b & 0xFF);
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
      inspect(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
      for (int i = offset; i < offset + n; i++) {
        inspect(buffer[i] & 0xFF);
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] discard = new byte[(int) Math.min(n, 8192)];
    int r = read(discard, 0, discard.length);
    return Math.max(r, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /**
   * Parsers close the stream once they have their value; the request's stream belongs to the
   * container, and {@link #finish()} still has to read what follows the value.
   */
  @Override
  public void close() {
    // Left to the container.
  }

  /**
   * Reads what follows the parsed value to the end of the body: only white space may follow it
   * (400), and it counts towards the size limit (413), so a valid value padded with megabytes is
   * refused like any other oversized body.
   */
  public void finish() throws IOException {
    byte[] rest = new byte[8192];
    for (int n = read(rest, 0, rest.length); n > 0; n = read(rest, 0, rest.length)) {
      for (int i = 0; i < n; i++) {
        byte b = rest[i];
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
          throw invalid(
              "request.malformed-json", "Only white space may follow the JSON value in the body.");
        }
      }
    }
  }

  private void count(int n) {
    read += n;
    if (read > maxBytes) {
      throw new LmsException(
          ErrorKind.PAYLOAD_TOO_LARGE,
          "request.too-large",
          "The request body is larger than " + maxBytes + " bytes.");
    }
  }

  private void inspect(int b) {
    if (!inString) {
      if (complete && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw invalid(
            "request.malformed-json", "Only white space may follow the JSON value in the body.");
      }
      switch (b) {
        case '"' -> inString = true;
        case '[', '{' -> {
          if (++depth > maxDepth) {
            throw invalid(
                "request.too-deep",
                "The JSON body nests arrays and objects more than " + maxDepth + " levels deep.");
          }
        }
        case ']', '}' -> complete = --depth == 0;
        default -> {
          // Numbers, literals, white space and separators are the parser's business.
        }
      }
      return;
    }
    if (hexDigitsLeft > 0) {
      int digit = Character.digit(b, 16);
      if (digit < 0) {
        hexDigitsLeft = -1; // a malformed escape: the parser refuses it
        return;
      }
      escapedUnit = escapedUnit * 16 + digit;
      if (--hexDigitsLeft == 0) {
        hexDigitsLeft = -1;
        unit(escapedUnit);
      }
      return;
    }
    if (escaped) {
      escaped = false;
      if (b == 'u') {
        hexDigitsLeft = 4;
        escapedUnit = 0;
      } else if (lowSurrogateExpected) {
        throw unpairedSurrogate();
      }
      return;
    }
    if (lowSurrogateExpected && b != '\\') {
      throw unpairedSurrogate();
    }
    switch (b) {
      case '\\' -> escaped = true;
      case '"' -> {
        inString = false;
        complete = depth == 0;
      }
      default -> {
        if (b < 0x20 || b == 0x7F) {
          throw controlCharacter(b);
        }
      }
    }
  }

  /** A UTF-16 unit written as {@code \\uXXXX}. */
  private void unit(int unit) {
    if (lowSurrogateExpected) {
      lowSurrogateExpected = false;
      if (!Character.isLowSurrogate((char) unit)) {
        throw unpairedSurrogate();
      }
      return;
    }
    if (Character.isHighSurrogate((char) unit)) {
      lowSurrogateExpected = true;
    } else if (ControlCharacters.refusedInText(unit)) {
      throw Character.isSurrogate((char) unit) ? unpairedSurrogate() : controlCharacter(unit);
    }
  }

  private static LmsException controlCharacter(int unit) {
    return invalid(
        "request.control-character",
        String.format(
            "A text value in the JSON body contains the control character U+%04X; text may hold"
                + " tab, line feed and carriage return, but no other control character.",
            unit));
  }

  private static LmsException unpairedSurrogate() {
    return invalid(
        "request.invalid-unicode",
        "A text value in the JSON body contains an unpaired UTF-16 surrogate (\\ud800 to"
            + " \\udfff without its partner); it is not a valid character.");
  }

  private static LmsException invalid(String code, String detail) {
    return new LmsException(ErrorKind.VALIDATION, code, detail);
  }
}
