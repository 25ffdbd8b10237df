package io.lectern.shared.web;

import io.lectern.shared.error.LmsException;
import java.util.UUID;

/**
 * Parses optional query parameters by hand: JAX-RS would answer a failed conversion with 404 (or
 * read "maybe" as false); here anything malformed is a 400 naming the parameter. Blank means
 * absent.
 */
public final class QueryParams {

  private QueryParams() {}

  /** The stripped text, null when blank; 400 when longer than {@code maxLength}. */
  public static String text(String code, String name, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > maxLength) {
      throw LmsException.invalidField(code, name, "must be at most " + maxLength + " characters");
    }
    return stripped;
  }

  public static UUID uuid(String code, String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw LmsException.invalidField(code, name, "must be a UUID");
    }
  }

  /** Exactly {@code true} or {@code false}. */
  public static Boolean bool(String code, String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip()) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw LmsException.invalidField(code, name, "must be true or false");
    };
  }
}
