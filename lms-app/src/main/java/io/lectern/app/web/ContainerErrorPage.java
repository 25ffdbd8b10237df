package io.lectern.app.web;

import io.lectern.shared.error.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the web container (declared in {@code web.xml}): requests it refuses before the
 * REST application sees them (an encoded slash or a NUL in the path, invalid percent-encoding) get
 * the same problem+json as every other error instead of the container's HTML page. The offending
 * address is not echoed back.
 */
@WebServlet(urlPatterns = ContainerErrorPage.PATH)
public class ContainerErrorPage extends HttpServlet {

  static final String PATH = "/lectern-container-error";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value && value >= 400 && value <= 599 ? value : 404;
    String problemCode =
        status == 404 ? "http.not-found" : status >= 500 ? "server.error" : "http.bad-request";
    String title =
        status == 404 ? "Not Found" : status >= 500 ? "Internal server error" : "Bad Request";
    String detail =
        switch (status) {
          case 404 -> "There is nothing at this address.";
          case 400 ->
              "The request's address is malformed: it holds an encoded slash or control"
                  + " character, or invalid percent-encoding.";
          default -> "The request could not be processed.";
        };
    JsonObjectBuilder problem =
        Json.createObjectBuilder()
            .add("type", Problem.typeFor(problemCode))
            .add("title", title)
            .add("status", status)
            .add("detail", detail)
            .add("code", problemCode);
    byte[] body = problem.build().toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
