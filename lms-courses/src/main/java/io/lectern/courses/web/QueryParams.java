package io.lectern.courses.web;

import io.lectern.courses.api.Difficulty;
import io.lectern.courses.internal.CourseRepository.CatalogueQuery.Sort;
import io.lectern.shared.error.LmsException;
import java.util.Locale;
import java.util.UUID;

/** Parses catalogue query parameters; anything malformed is a 400 naming the parameter. */
final class QueryParams {

  private QueryParams() {}

  static String text(String name, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > maxLength) {
      throw invalid(name, "must be at most " + maxLength + " characters");
    }
    return stripped;
  }

  static Difficulty difficulty(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Difficulty parsed = Difficulty.fromValue(value.strip());
    if (parsed == null) {
      throw invalid("difficulty", "must be one of beginner, intermediate, advanced");
    }
    return parsed;
  }

  static UUID uuid(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw invalid(name, "must be a UUID");
    }
  }

  static Boolean bool(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip()) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw invalid(name, "must be true or false");
    };
  }

  static Sort sort(String value) {
    if (value == null || value.isBlank()) {
      return Sort.NEWEST;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "newest" -> Sort.NEWEST;
      case "title" -> Sort.TITLE;
      default -> throw invalid("sort", "must be newest or title");
    };
  }

  private static LmsException invalid(String name, String message) {
    return LmsException.invalidField("courses.invalid-query", name, message);
  }
}
