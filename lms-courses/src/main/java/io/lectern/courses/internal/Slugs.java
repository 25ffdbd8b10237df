package io.lectern.courses.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** URL slugs: lower-case ASCII words joined by single hyphens, at most {@link #MAX_LENGTH}. */
final class Slugs {

  static final int MAX_LENGTH = 80;
  static final Pattern FORMAT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

  private Slugs() {}

  /**
   * "Intro to C# & .NET — Part 1" becomes "intro-to-c-net-part-1"; "untitled" when nothing is left.
   */
  static String from(String text) {
    String ascii =
        DIACRITICS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    String slug = NOT_ALPHANUMERIC.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = trimHyphens(slug);
    if (slug.length() > MAX_LENGTH) {
      slug = trimHyphens(slug.substring(0, MAX_LENGTH));
    }
    return slug.isEmpty() ? "untitled" : slug;
  }

  static boolean isValid(String slug) {
    return slug != null && slug.length() <= MAX_LENGTH && FORMAT.matcher(slug).matches();
  }

  /** {@code base}, or {@code base-2}, {@code base-3}, ... whichever is not taken. */
  static String firstFree(String base, Set<String> taken) {
    if (!taken.contains(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String suffix = "-" + n;
      String stem =
          base.length() + suffix.length() > MAX_LENGTH
              ? trimHyphens(base.substring(0, MAX_LENGTH - suffix.length()))
              : base;
      String candidate = stem + suffix;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static String trimHyphens(String slug) {
    int start = 0;
    int end = slug.length();
    while (start < end && slug.charAt(start) == '-') {
      start++;
    }
    while (end > start && slug.charAt(end - 1) == '-') {
      end--;
    }
    return slug.substring(start, end);
  }
}
