package io.lectern.app.web;

import io.lectern.shared.error.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Errors the REST runtime raises itself (unknown route, wrong method, unsupported media type,
 * unreadable body) get the same problem+json shape as ours, without internal details.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Inject ProblemResponses problems;
  @Inject UnexpectedErrorMapper unexpected;
  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected.toResponse(e);
    }
    if (status == 400 && JsonErrors.isBodyProblem(e)) {
      return JsonErrors.malformedBody(problems, uriInfo);
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String code = "http." + title.toLowerCase().replace(' ', '-');
    Problem problem =
        new Problem(
            Problem.typeFor(code),
            title,
            status,
            detailFor(status),
            ProblemResponses.path(uriInfo),
            code,
            null,
            null);
    Response.ResponseBuilder response = problems.build(status, problem);
    if (e instanceof NotAllowedException && e.getResponse() != null) {
      String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
      if (allow != null) {
        response.header(HttpHeaders.ALLOW, allow);
      }
    }
    return response.build();
  }

  private static String detailFor(int status) {
    return switch (status) {
      case 400 -> "The request is malformed.";
      case 401 -> "Sign in to call this endpoint.";
      case 403 -> "You may not call this endpoint.";
      case 404 -> "There is nothing at this address.";
      case 405 -> "This address does not support the HTTP method used.";
      case 406 -> "The requested response media type is not available; ask for application/json.";
      case 415 -> "The request body's media type is not supported; send application/json.";
      default -> "The request could not be processed.";
    };
  }
}
