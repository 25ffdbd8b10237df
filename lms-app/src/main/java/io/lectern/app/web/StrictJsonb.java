package io.lectern.app.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * JSON-B as the API needs it: a value of the wrong JSON type is an error, never coerced. Without
 * this, {@code "active": "perhaps"} would quietly read as {@code false} and {@code "name": 5} as
 * {@code "5"}.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class StrictJsonb implements ContextResolver<Jsonb> {

  private final Jsonb jsonb =
      JsonbBuilder.create(
          new JsonbConfig()
              .withDeserializers(
                  new StrictBoolean(),
                  new StrictString(),
                  new StrictInteger(),
                  new StrictLong(),
                  new StrictDouble()));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }

  private static JsonbException wrongType(String expected) {
    return new JsonbException("Expected " + expected);
  }

  static final class StrictBoolean implements JsonbDeserializer<Boolean> {
    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext ctx, Type type) {
      return switch (parser.getValue().getValueType()) {
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case NULL -> null;
        default -> throw wrongType("true or false");
      };
    }
  }

  static final class StrictString implements JsonbDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext ctx, Type type) {
      JsonValue value = parser.getValue();
      return switch (value.getValueType()) {
        case STRING -> ((JsonString) value).getString();
        case NULL -> null;
        default -> throw wrongType("a string");
      };
    }
  }

  static final class StrictInteger implements JsonbDeserializer<Integer> {
    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext ctx, Type type) {
      BigDecimal number = number(parser);
      try {
        return number == null ? null : number.intValueExact();
      } catch (ArithmeticException e) {
        throw wrongType("a whole number within range");
      }
    }
  }

  static final class StrictLong implements JsonbDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser parser, DeserializationContext ctx, Type type) {
      BigDecimal number = number(parser);
      try {
        return number == null ? null : number.longValueExact();
      } catch (ArithmeticException e) {
        throw wrongType("a whole number within range");
      }
    }
  }

  static final class StrictDouble implements JsonbDeserializer<Double> {
    @Override
    public Double deserialize(JsonParser parser, DeserializationContext ctx, Type type) {
      BigDecimal number = number(parser);
      return number == null ? null : number.doubleValue();
    }
  }

  private static BigDecimal number(JsonParser parser) {
    JsonValue value = parser.getValue();
    return switch (value.getValueType()) {
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case NULL -> null;
      default -> throw wrongType("a number");
    };
  }
}
