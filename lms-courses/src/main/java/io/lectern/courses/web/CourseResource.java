package io.lectern.courses.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.courses.internal.CatalogueService;
import io.lectern.courses.internal.CourseAuthoringService;
import io.lectern.courses.internal.CourseRepository.CatalogueQuery;
import io.lectern.courses.internal.LessonAuthoringService;
import io.lectern.courses.web.CourseResponses.CourseDetail;
import io.lectern.courses.web.CourseResponses.CourseSummary;
import io.lectern.courses.web.CourseResponses.LessonDetail;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
@Path("/api/v1/courses")
@Tag(name = "Courses", description = "The public catalogue and course authoring")
@Produces(MediaType.APPLICATION_JSON)
public class CourseResource {

  @Inject CatalogueService catalogue;
  @Inject CourseAuthoringService authoring;
  @Inject LessonAuthoringService lessons;
  @Inject CourseViews views;
  @Context UriInfo uriInfo;

  @GET
  @PermitAll
  @Operation(
      summary = "Search the published catalogue",
      description =
          "Full-text search `q` over title and description (words, \"phrases\", -excluded),"
              + " filters, sort `newest` (default) or `title`. Paginated with Link headers.")
  @APIResponse(
      responseCode = "200",
      description = "One page of published courses",
      content = @Content(schema = @Schema(implementation = CoursePage.class)))
  @APIResponse(responseCode = "400", description = "Invalid filter or paging parameter")
  public Response search(
      @Parameter(description = "Search words") @QueryParam("q") String q,
      @QueryParam("category") String category,
      @Parameter(description = "beginner, intermediate or advanced") @QueryParam("difficulty")
          String difficulty,
      @QueryParam("instructorId") String instructorId,
      @Parameter(description = "newest (default) or title") @QueryParam("sort") String sort,
      @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    PageRequest paging = PageRequest.fromQuery(page, size);
    CatalogueQuery query =
        new CatalogueQuery(
            CatalogueParams.text("q", q, 200),
            CatalogueParams.text("category", category, 100),
            CatalogueParams.difficulty(difficulty),
            CatalogueParams.uuid("instructorId", instructorId),
            CatalogueParams.sort(sort));
    var found = catalogue.search(query, paging);
    var instructors = views.instructorsOf(found.items().stream().map(r -> r.course()).toList());
    return PagedResponse.of(found.map(row -> CourseSummary.of(row, instructors)), uriInfo);
  }

  @GET
  @Path("/{id}")
  @PermitAll
  @Operation(
      summary = "A course with its lesson outline",
      description = "By id or slug. Drafts are 404 except for their instructor and admins.")
  @APIResponse(
      responseCode = "200",
      description = "The course and its lesson tree",
      content = @Content(schema = @Schema(implementation = CourseDetail.class)))
  @APIResponse(responseCode = "404", description = "No such course, or a draft of someone else")
  public CourseDetail get(
      @Parameter(description = "The course's id or its slug") @PathParam("id") String idOrSlug) {
    if (idOrSlug.length() > 120) {
      throw LmsException.notFound("courses.not-found", "No course has this id or slug.");
    }
    return views.detail(catalogue.course(idOrSlug));
  }

  @POST
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a draft course",
      description =
          "The slug is derived from the title unless given. Admins may set `instructorId` to"
              + " create a course for an instructor.")
  @APIResponse(
      responseCode = "201",
      description = "The draft",
      content = @Content(schema = @Schema(implementation = CourseDetail.class)))
  @APIResponse(responseCode = "409", description = "The slug is taken")
  public Response create(@NotNull @Valid CourseRequests.NewCourse body) {
    var course = authoring.create(body.toCommand());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(course.id().toString()).build())
        .entity(views.detail(catalogue.course(course.id().toString())))
        .build();
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a course",
      description =
          "Absent fields stay as they are; an empty string clears an optional text. The slug of a"
              + " course that has been published cannot change (409).")
  @APIResponse(
      responseCode = "200",
      description = "The changed course",
      content = @Content(schema = @Schema(implementation = CourseDetail.class)))
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  @APIResponse(responseCode = "409", description = "Slug taken or locked")
  public CourseDetail update(
      @PathParam("id") UUID id, @NotNull @Valid CourseRequests.CourseChanges body) {
    authoring.update(id, body.toCommand());
    return views.detail(catalogue.course(id.toString()));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(summary = "Delete a course and its lessons")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "409", description = "Students are enrolled; unpublish instead")
  public Response delete(@PathParam("id") UUID id) {
    authoring.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/publish")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Publish a course",
      description =
          "Needs a title, at least one lesson, a video URL on every video lesson and a published"
              + " quiz on every quiz lesson; otherwise 422 lists every missing item in"
              + " `violations`.")
  @APIResponse(responseCode = "200", description = "Published")
  @APIResponse(responseCode = "422", description = "Not complete enough")
  public CourseDetail publish(@PathParam("id") UUID id) {
    authoring.publish(id);
    return views.detail(catalogue.course(id.toString()));
  }

  @POST
  @Path("/{id}/unpublish")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(summary = "Take a course out of the catalogue")
  public CourseDetail unpublish(@PathParam("id") UUID id) {
    authoring.unpublish(id);
    return views.detail(catalogue.course(id.toString()));
  }

  @POST
  @Path("/{id}/lessons")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a lesson",
      description =
          "At the end of its level unless `position` is given; under `parentLessonId` (a lesson"
              + " of the same course) for nesting, at most 3 levels deep.")
  @APIResponse(
      responseCode = "201",
      description = "The lesson",
      content = @Content(schema = @Schema(implementation = LessonDetail.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields or a parent from elsewhere")
  @APIResponse(responseCode = "422", description = "Would nest deeper than 3 levels")
  public Response addLesson(
      @PathParam("id") UUID id, @NotNull @Valid CourseRequests.NewLesson body) {
    var lesson = lessons.add(id, body.toCommand());
    return Response.created(
            uriInfo.getBaseUriBuilder().path("api/v1/lessons").path(lesson.id().toString()).build())
        .entity(LessonDetail.of(lesson))
        .build();
  }

  @PUT
  @Path("/{id}/lessons/order")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Reorder one level of lessons",
      description =
          "`lessonIds` must be exactly the current lessons under `parentLessonId` (null: the top"
              + " level), each once; they are renumbered 0..n-1 in that order, atomically.")
  @APIResponse(responseCode = "200", description = "The course with its outline in the new order")
  @APIResponse(responseCode = "400", description = "The list is not exactly the current siblings")
  public CourseDetail reorder(
      @PathParam("id") UUID id, @NotNull @Valid CourseRequests.LessonOrder body) {
    lessons.reorder(id, body.toCommand());
    return views.detail(catalogue.course(id.toString()));
  }

  /** Documents the page shape: {@code Page<CourseSummary>}. */
  @Schema(name = "CoursePage")
  record CoursePage(
      List<CourseSummary> items, int page, int size, long totalItems, int totalPages) {}
}
