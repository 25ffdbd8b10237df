package io.lectern.app.web;

import io.lectern.shared.error.ErrorKind;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Recognises a request body that is not JSON, or not of the expected shape or types. */
final class JsonErrors {

  private JsonErrors() {}

  static boolean isBodyProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonbException || t instanceof JsonException) {
        return true;
      }
      String name = t.getClass().getName();
      if (name.contains("JsonParsing")
          || name.contains("Yasson")
          || name.contains("JsonbException")) {
        return true;
      }
    }
    return false;
  }

  static Response malformedBody(ProblemResponses problems, UriInfo uri) {
    return problems.of(
        ErrorKind.VALIDATION,
        "request.malformed-json",
        "The request body is not valid JSON, or a field has the wrong type or an unknown value.",
        uri);
  }
}
