package io.lectern.courses.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.courses.internal.CatalogueService;
import io.lectern.courses.internal.LessonAuthoringService;
import io.lectern.courses.web.CourseResponses.LessonDetail;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/lessons")
@Tag(name = "Lessons", description = "Reading and authoring single lessons")
@Produces(MediaType.APPLICATION_JSON)
public class LessonResource {

  @Inject CatalogueService catalogue;
  @Inject LessonAuthoringService lessons;

  @GET
  @Path("/{id}")
  @PermitAll
  @Operation(
      summary = "A lesson with its content",
      description =
          "Preview lessons of published courses: anyone. Other lessons: the course's instructor,"
              + " admins and students enrolled in the course.")
  @APIResponse(responseCode = "200", description = "The lesson")
  @APIResponse(responseCode = "401", description = "Not a preview lesson and not signed in")
  @APIResponse(responseCode = "403", description = "Not enrolled in the course")
  @APIResponse(responseCode = "404", description = "No such lesson, or in someone else's draft")
  public LessonDetail get(@PathParam("id") UUID id) {
    return LessonDetail.of(catalogue.lesson(id).lesson());
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change or move a lesson",
      description =
          "Absent fields stay; an empty string clears an optional text. `parentLessonId` moves the"
              + " lesson with its children under another lesson of the course (\"\" = top level),"
              + " `position` places it among its siblings.")
  @APIResponse(responseCode = "200", description = "The lesson")
  @APIResponse(responseCode = "422", description = "The move would create a cycle or nest too deep")
  public LessonDetail update(
      @PathParam("id") UUID id, @NotNull @Valid CourseRequests.LessonChanges body) {
    return LessonDetail.of(lessons.update(id, body.toCommand()));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Delete a lesson and the lessons nested under it",
      description = "Its later siblings move up to close the gap.")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response delete(@PathParam("id") UUID id) {
    lessons.delete(id);
    return Response.noContent().build();
  }
}
