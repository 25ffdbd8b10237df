package io.lectern.courses.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.courses.internal.CourseAuthoringService;
import io.lectern.courses.internal.CourseRepository;
import io.lectern.courses.web.CourseResponses.CourseSummary;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/instructor/courses")
@Tag(name = "Courses")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class InstructorCourseResource {

  @Inject CourseAuthoringService authoring;
  @Inject CourseRepository courses;
  @Inject CourseViews views;
  @Context UriInfo uriInfo;

  @GET
  @Operation(
      summary = "The caller's courses, drafts included, newest first",
      description = "Admins see every course and may filter by `instructorId`.")
  @APIResponse(
      responseCode = "200",
      description = "One page of courses",
      content = @Content(schema = @Schema(implementation = CourseResource.CoursePage.class)))
  public Response list(
      @Parameter(description = "Admins only: one instructor's courses") @QueryParam("instructorId")
          String instructorId,
      @Parameter(description = "true or false") @QueryParam("published") String published,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    var found =
        authoring.authored(
            CatalogueParams.uuid("instructorId", instructorId),
            CatalogueParams.bool("published", published),
            PageRequest.fromQuery(page, size));
    var instructors = views.instructorsOf(found.items());
    var lessonCounts = courses.lessonCounts(found.items().stream().map(c -> c.id()).toList());
    return PagedResponse.of(
        found.map(c -> CourseSummary.of(c, lessonCounts.getOrDefault(c.id(), 0), instructors)),
        uriInfo);
  }
}
