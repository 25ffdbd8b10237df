package io.lectern.app.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Turns failures into {@code application/problem+json} responses. */
@ApplicationScoped
public class ProblemResponses {

  public Response of(LmsException e, UriInfo uri) {
    Problem problem =
        Problem.of(e.kind(), e.code(), e.detail(), path(uri)).withViolations(e.violations());
    Response.ResponseBuilder response = build(e.kind().status(), problem);
    if (e.retryAfterSeconds() != null) {
      response.header("Retry-After", e.retryAfterSeconds());
    }
    return response.build();
  }

  public Response of(ErrorKind kind, String code, String detail, UriInfo uri) {
    return build(kind.status(), Problem.of(kind, code, detail, path(uri))).build();
  }

  public Response.ResponseBuilder build(int status, Problem problem) {
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
  }

  static String path(UriInfo uri) {
    if (uri == null) {
      return null;
    }
    try {
      String path = uri.getPath();
      return path.startsWith("/") ? path : "/" + path;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
