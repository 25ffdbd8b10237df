package io.lectern.app.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line: known causes wrapped by a container (a domain error inside a transaction exception, a
 * lost optimistic-lock race, an unreadable body, an unreachable database) get their proper answer;
 * anything else is a 500 whose error id is logged with the stack trace, never sent.
 */
@Provider
@ApplicationScoped
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Inject ProblemResponses problems;
  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LmsException domain) {
        return problems.of(domain, uriInfo);
      }
      if (t instanceof OptimisticLockException || t instanceof PessimisticLockException) {
        return problems.of(
            ErrorKind.CONFLICT,
            "request.concurrent-update",
            "Someone else changed this at the same time; reload and try again.",
            uriInfo);
      }
    }
    if (JsonErrors.isBodyProblem(e)) {
      return JsonErrors.malformedBody(problems, uriInfo);
    }
    if (DatabaseUnavailable.isCause(e)) {
      LOG.log(
          Level.WARNING, "Database unavailable on " + ProblemResponses.path(uriInfo) + ": " + e);
      return problems.of(DatabaseUnavailable.problem(), uriInfo);
    }
    String errorId = UUID.randomUUID().toString();
    LOG.log(
        Level.SEVERE, "Unexpected error " + errorId + " on " + ProblemResponses.path(uriInfo), e);
    Problem problem =
        new Problem(
                Problem.typeFor("server.error"),
                "Internal server error",
                500,
                "Something went wrong on our side. Quote error id "
                    + errorId
                    + " when reporting it.",
                ProblemResponses.path(uriInfo),
                "server.error",
                null,
                null)
            .withErrorId(errorId);
    return problems.build(500, problem).build();
  }
}
