package io.lectern.lti.internal;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Small conversions for this module's native SQL (typed nulls, arrays as JSON, times). */
final class Sql {

  private Sql() {}

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static <T> Query typed(Query query, String name, T value, Class<T> type) {
    query.unwrap(org.hibernate.query.Query.class).setParameter(name, value, type);
    return query;
  }

  /** A text list as a JSON array, for {@code ARRAY(SELECT jsonb_array_elements_text(...))}. */
  static String jsonList(List<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array.build().toString();
  }

  static List<String> list(Tuple row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return List.of();
    }
    try (var reader = Json.createReader(new StringReader(value.toString()))) {
      JsonArray array = reader.readArray();
      return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
  }

  static JsonObject object(Tuple row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return JsonObject.EMPTY_JSON_OBJECT;
    }
    try (var reader = Json.createReader(new StringReader(value.toString()))) {
      return reader.readObject();
    }
  }
}
