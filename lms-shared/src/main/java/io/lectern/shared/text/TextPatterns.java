package io.lectern.shared.text;

/**
 * Regular expressions for {@code @Pattern} that mean the same in Java and in ECMA-262, so that the
 * OpenAPI document (whose patterns tools evaluate as ECMA-262) states the rule the server applies.
 */
public final class TextPatterns {

  private TextPatterns() {}

  /** At least one character that is not white space, line breaks included. */
  public static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";
}
