package io.lectern.events.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.events.internal.StreamFeed.Audience;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One course's events, live, for its instructor and admins. */
@ApplicationScoped
@Path("/api/v1/courses/{courseId}/events")
@Tag(name = "Events")
@Produces(MediaType.SERVER_SENT_EVENTS)
public class CourseEventStreamResource {

  @Inject StreamRequests streams;
  @Inject CurrentUser currentUser;
  @Inject CourseCatalog catalog;

  @GET
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "A course's events, live",
      description =
          "Enrolments, drops, lesson and course completions and graded quiz attempts of one"
              + " course, for its instructor and admins."
              + StreamRequests.DESCRIPTION)
  @APIResponse(
      responseCode = "200",
      description = "An event stream",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", description = "A Last-Event-ID this stream never sent")
  @APIResponse(responseCode = "404", description = "No such course")
  @APIResponse(responseCode = "429", description = "Too many open streams of this user")
  @APIResponse(responseCode = "503", description = "This server holds all the streams it may")
  public void course(
      @PathParam("courseId") UUID courseId,
      @Parameter(description = "The id of the last message received, on reconnection")
          @HeaderParam("Last-Event-ID")
          String lastEventIdHeader,
      @Parameter(description = "As Last-Event-ID, for clients that cannot set headers")
          @QueryParam("lastEventId")
          String lastEventIdQuery,
      @Context SecurityContext security,
      @Context SseEventSink sink,
      @Context Sse sse) {
    CourseView course =
        catalog
            .findCourse(courseId)
            .orElseThrow(
                () -> LmsException.notFound("courses.not-found", "No course has this id."));
    if (!currentUser.isAdmin() && !currentUser.id().equals(course.instructorId())) {
      throw LmsException.forbidden(
          "events.forbidden", "Only the course's instructor and admins may follow its events.");
    }
    streams.open(
        security, Audience.ofCourse(courseId), lastEventIdHeader, lastEventIdQuery, sink, sse);
  }
}
