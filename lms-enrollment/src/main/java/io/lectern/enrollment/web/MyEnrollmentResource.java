package io.lectern.enrollment.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.enrollment.internal.EnrollmentService;
import io.lectern.enrollment.web.EnrollmentResponses.EnrollmentResponse;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/me/enrollments")
@Tag(name = "Enrolments", description = "Enrolments, lesson progress and offline sync")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class MyEnrollmentResource {

  @Inject EnrollmentService enrollments;
  @Context UriInfo uriInfo;

  @GET
  @Operation(
      summary = "My enrolments",
      description =
          "Most recently active first, each with its progress summary and the lesson to resume"
              + " (the first lesson in outline order that is not completed, with its last"
              + " position). Optionally filtered by `status`; paginated with Link headers.")
  @APIResponse(
      responseCode = "200",
      description = "One page of enrolments",
      content = @Content(schema = @Schema(implementation = EnrollmentPage.class)))
  public Response mine(
      @Parameter(description = "active, completed, dropped or expired") @QueryParam("status")
          String status,
      @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    PageRequest paging = PageRequest.fromQuery(page, size);
    return PagedResponse.of(
        enrollments.mine(StatusParam.parse(status), paging).map(EnrollmentResponse::of), uriInfo);
  }

  /** Documents the page shape: {@code Page<EnrollmentResponse>}. */
  @Schema(name = "EnrollmentPage")
  record EnrollmentPage(
      List<EnrollmentResponse> items, int page, int size, long totalItems, int totalPages) {}
}
