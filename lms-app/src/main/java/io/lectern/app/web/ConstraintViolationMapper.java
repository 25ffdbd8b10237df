package io.lectern.app.web;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/** Bean Validation failures of a request become a 400 listing every invalid field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Inject ProblemResponses problems;
  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    List<Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Violation(field(v), message(v)))
            .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
            .toList();
    String detail =
        violations.size() == 1
            ? "Invalid request: "
                + violations.get(0).field()
                + " "
                + violations.get(0).message()
                + "."
            : "Invalid request: " + violations.size() + " fields are invalid.";
    return problems.of(LmsException.validation("request.invalid", detail, violations), uriInfo);
  }

  /**
   * The JSON field path ({@code email}, {@code items[2].name}); {@code body} for the body itself.
   */
  static String field(ConstraintViolation<?> violation) {
    StringJoiner path = new StringJoiner(".");
    String parameter = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
        continue;
      }
      String name = node.getName();
      if (name == null) {
        continue;
      }
      path.add(node.getIndex() == null ? name : name + "[" + node.getIndex() + "]");
    }
    String joined = path.toString();
    if (!joined.isEmpty()) {
      return joined;
    }
    return parameter == null || parameter.startsWith("arg") || parameter.equals("body")
        ? "body"
        : parameter;
  }

  static String message(ConstraintViolation<?> violation) {
    if (violation.getPropertyPath().toString().endsWith(".body")
        || field(violation).equals("body")) {
      return violation.getInvalidValue() == null
          ? "a JSON request body is required"
          : violation.getMessage();
    }
    return violation.getMessage();
  }
}
