package io.lectern.shared.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

/** Turns JSON stored as text (the {@code metadata} jsonb columns) back into a JSON-P object. */
public final class JsonText {

  private JsonText() {}

  /** The object the text holds; an empty object for null. */
  public static JsonObject object(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text == null ? "{}" : text))) {
      return reader.readObject();
    }
  }
}
