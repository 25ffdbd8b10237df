package io.lectern.courses.web;

import io.lectern.courses.api.Difficulty;
import io.lectern.courses.internal.CourseRepository.CatalogueQuery.Sort;
import io.lectern.shared.error.LmsException;
import java.util.Locale;
import java.util.UUID;

/** Parses catalogue query parameters; anything malformed is a 400 naming the parameter. */
final class CatalogueParams {

  private CatalogueParams() {}

  private static final String CODE = "courses.invalid-query";

  static String text(String name, String value, int maxLength) {
    return io.lectern.shared.web.QueryParams.text(CODE, name, value, maxLength);
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
    return io.lectern.shared.web.QueryParams.uuid(CODE, name, value);
  }

  static Boolean bool(String name, String value) {
    return io.lectern.shared.web.QueryParams.bool(CODE, name, value);
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
    return LmsException.invalidField(CODE, name, message);
  }
}
