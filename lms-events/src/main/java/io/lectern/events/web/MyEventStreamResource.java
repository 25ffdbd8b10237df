package io.lectern.events.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.events.internal.StreamFeed.Audience;
import io.lectern.shared.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in user's own events, live. */
@ApplicationScoped
@Path("/api/v1/me/events")
@Tag(name = "Events")
@Produces(MediaType.SERVER_SENT_EVENTS)
public class MyEventStreamResource {

  @Inject StreamRequests streams;
  @Inject CurrentUser currentUser;

  @GET
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "My events, live",
      description =
          "The signed-in user's own events (enrolments, lessons, quiz attempts, certificates,"
              + " tutorial records, account), from every device."
              + StreamRequests.DESCRIPTION)
  @APIResponse(
      responseCode = "200",
      description = "An event stream",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", description = "A Last-Event-ID this stream never sent")
  @APIResponse(responseCode = "429", description = "Too many open streams of this user")
  @APIResponse(responseCode = "503", description = "This server holds all the streams it may")
  public void mine(
      @Parameter(description = "The id of the last message received, on reconnection")
          @HeaderParam("Last-Event-ID")
          String lastEventIdHeader,
      @Parameter(description = "As Last-Event-ID, for clients that cannot set headers")
          @QueryParam("lastEventId")
          String lastEventIdQuery,
      @Context SecurityContext security,
      @Context SseEventSink sink,
      @Context Sse sse) {
    streams.open(
        security,
        Audience.ofUser(currentUser.id()),
        lastEventIdHeader,
        lastEventIdQuery,
        sink,
        sse);
  }
}
