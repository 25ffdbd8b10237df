package io.lectern.shared.paging;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import java.util.ArrayList;
import java.util.List;

/** A validated, bounded page request: pages count from 0, sizes from 1 to {@link #MAX_SIZE}. */
public record PageRequest(int page, int size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  public PageRequest {
    List<Violation> violations = new ArrayList<>();
    if (page < 0) {
      violations.add(new Violation("page", "must be 0 or greater"));
    }
    if (size < 1 || size > MAX_SIZE) {
      violations.add(new Violation("size", "must be between 1 and " + MAX_SIZE));
    }
    if (!violations.isEmpty()) {
      throw LmsException.validation("paging.invalid", "Invalid paging parameters.", violations);
    }
  }

  /**
   * From the raw {@code page} and {@code size} query parameters: absent values take the defaults,
   * anything that is not a whole number is a 400 (JAX-RS would answer 404 for a failed conversion).
   */
  public static PageRequest fromQuery(String page, String size) {
    return new PageRequest(parse("page", page, 0), parse("size", size, DEFAULT_SIZE));
  }

  private static int parse(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw LmsException.invalidField("paging.invalid", name, "must be a whole number");
    }
  }

  public int offset() {
    return Math.multiplyExact(page, size);
  }
}
