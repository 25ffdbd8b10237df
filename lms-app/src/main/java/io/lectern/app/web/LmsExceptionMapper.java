package io.lectern.app.web;

import io.lectern.shared.error.LmsException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class LmsExceptionMapper implements ExceptionMapper<LmsException> {

  @Inject ProblemResponses problems;
  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(LmsException e) {
    return problems.of(e, uriInfo);
  }
}
