package io.lectern.app.web;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import io.lectern.shared.text.ControlCharacters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Refuses, before any resource sees them, query parameters and path segments that hold a control
 * character once percent-decoded ({@code ?q=%00}): they are never part of an id, a slug or a search
 * and PostgreSQL would refuse some of them. Bodies are checked while they are read ({@link
 * RequestBodyGuard}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class RequestTextGuard implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    MultivaluedMap<String, String> query;
    List<PathSegment> segments;
    try {
      query = request.getUriInfo().getQueryParameters(true);
      segments = request.getUriInfo().getPathSegments(true);
    } catch (IllegalArgumentException e) {
      throw LmsException.invalidField(
          "request.invalid-encoding", "query", "is not valid percent-encoded UTF-8");
    }
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      check("query parameter name", parameter.getKey(), parameter.getKey());
      for (String value : parameter.getValue()) {
        check("query parameter", parameter.getKey(), value);
      }
    }
    for (PathSegment segment : segments) {
      check("path segment", "path", segment.getPath());
    }
  }

  private static void check(String what, String name, String value) {
    int at = ControlCharacters.firstInLine(value);
    if (at >= 0) {
      String field = ControlCharacters.firstInLine(name) >= 0 ? "query" : name;
      String message =
          "contains the control character "
              + ControlCharacters.describe(value, at)
              + "; addresses may not hold control characters";
      throw LmsException.validation(
          "request.control-character",
          "Invalid request: the " + what + " " + field + " " + message + ".",
          List.of(new Violation(field, message)));
    }
  }
}
