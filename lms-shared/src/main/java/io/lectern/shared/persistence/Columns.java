package io.lectern.shared.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads the columns of a query result {@link Tuple} by their alias, converting the values the JDBC
 * driver hands over for a native query: PostgreSQL's {@code count(*)} is a {@code Long}, {@code
 * round(...)} a {@code BigDecimal}, an {@code INTEGER} column an {@code Integer}, and a timestamp
 * may arrive as any of the java.time or java.sql types.
 *
 * <p>The primitive readers ({@link #intValue}, {@link #longValue}, {@link #doubleValue}) are for
 * columns that are never NULL and fail on a NULL; the others return null for NULL.
 */
public final class Columns {

  private Columns() {}

  /** A number that is never NULL, as an int (a {@code count(*)}, an {@code INTEGER NOT NULL}). */
  public static int intValue(Tuple row, String column) {
    return number(row, column).intValue();
  }

  /** A number that may be NULL, as an Integer. */
  public static Integer integerOrNull(Tuple row, String column) {
    Object value = row.get(column);
    return value == null ? null : ((Number) value).intValue();
  }

  /** A number that is never NULL, as a long. */
  public static long longValue(Tuple row, String column) {
    return number(row, column).longValue();
  }

  /** A number that is never NULL, as a double. */
  public static double doubleValue(Tuple row, String column) {
    return number(row, column).doubleValue();
  }

  /** A {@code NUMERIC} (or any number) as a BigDecimal of the value's own scale; null for NULL. */
  public static BigDecimal decimal(Tuple row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return null;
    }
    return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
  }

  /** A {@code UUID} column, or text holding one; null for NULL. */
  public static UUID uuid(Tuple row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return null;
    }
    return value instanceof UUID id ? id : UUID.fromString(value.toString());
  }

  /** A {@code TIMESTAMPTZ} (or {@code TIMESTAMP}) column as an Instant; null for NULL. */
  public static Instant instant(Tuple row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalStateException(
        "Unexpected time value in column " + column + ": " + value.getClass().getName());
  }

  /** A {@code DATE} column as a LocalDate; null for NULL. */
  public static LocalDate date(Tuple row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    return LocalDate.parse(value.toString());
  }

  private static Number number(Tuple row, String column) {
    return (Number) Objects.requireNonNull(row.get(column), () -> "column " + column + " is NULL");
  }

  /** A native query whose rows are {@link Tuple}s, read by column name. */
  public static Query tupleQuery(EntityManager em, String sql) {
    return em.createNativeQuery(sql, Tuple.class);
  }

  @SuppressWarnings("unchecked")
  public static List<Tuple> rows(Query query) {
    return (List<Tuple>) query.getResultList();
  }

  public static Tuple single(Query query) {
    return (Tuple) query.getSingleResult();
  }
}
