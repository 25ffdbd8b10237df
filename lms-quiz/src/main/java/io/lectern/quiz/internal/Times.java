package io.lectern.quiz.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Reads timestamptz values of native queries, whatever type the driver hands back. */
final class Times {

  private Times() {}

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalStateException("Unexpected time value " + value.getClass());
  }
}
