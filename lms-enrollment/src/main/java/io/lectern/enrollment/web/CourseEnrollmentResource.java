package io.lectern.enrollment.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.enrollment.internal.EnrollmentService;
import io.lectern.enrollment.web.EnrollmentResponses.EnrollmentResponse;
import io.lectern.enrollment.web.EnrollmentResponses.LearnerResponse;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/courses/{courseId}/enrollments")
@Tag(name = "Enrolments", description = "Enrolments, lesson progress and offline sync")
@Produces(MediaType.APPLICATION_JSON)
public class CourseEnrollmentResource {

  @Inject EnrollmentService enrollments;
  @Context UriInfo uriInfo;

  @POST
  @RolesAllowed(STUDENT_NAME)
  @Operation(
      summary = "Enrol in a published course",
      description =
          "Students only (instructors and admins get 403). 201 with the new enrolment; 200 when"
              + " a dropped enrolment is reactivated with its progress; 409 when already"
              + " enrolled; 404 for a draft or unknown course.")
  @APIResponse(
      responseCode = "201",
      description = "Enrolled",
      content = @Content(schema = @Schema(implementation = EnrollmentResponse.class)))
  @APIResponse(responseCode = "200", description = "A dropped enrolment was reactivated")
  @APIResponse(responseCode = "404", description = "No published course has this id")
  @APIResponse(responseCode = "409", description = "Already enrolled")
  public Response enrol(@PathParam("courseId") UUID courseId) {
    var enrolled = enrollments.enrol(courseId);
    EnrollmentResponse body = EnrollmentResponse.of(enrolled.progress());
    if (!enrolled.created()) {
      return Response.ok(body).build();
    }
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("api/v1/enrollments")
                .path(body.id().toString())
                .build())
        .entity(body)
        .build();
  }

  @GET
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "The course's enrolments",
      description =
          "For the course's instructor and admins; newest activity first, optionally filtered by"
              + " `status`. Paginated with Link headers.")
  @APIResponse(
      responseCode = "200",
      description = "One page of enrolments",
      content = @Content(schema = @Schema(implementation = LearnerPage.class)))
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  public Response list(
      @PathParam("courseId") UUID courseId,
      @Parameter(description = "active, completed, dropped or expired") @QueryParam("status")
          String status,
      @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    PageRequest paging = PageRequest.fromQuery(page, size);
    return PagedResponse.of(
        enrollments.ofCourse(courseId, StatusParam.parse(status), paging).map(LearnerResponse::of),
        uriInfo);
  }

  /** Documents the page shape: {@code Page<LearnerResponse>}. */
  @Schema(name = "LearnerPage")
  record LearnerPage(
      List<LearnerResponse> items, int page, int size, long totalItems, int totalPages) {}
}
