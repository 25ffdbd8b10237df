package io.lectern.events.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.enrollment.api.WatchSessionView;
import io.lectern.events.internal.EnrollmentActivity;
import io.lectern.events.internal.EnrollmentActivity.Entry;
import io.lectern.events.internal.EventLog.LoggedEvent;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/enrollments/{id}/activity")
@Tag(name = "Enrolments")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentActivityResource {

  static final String WATCH_SESSION = "watch.session";

  @Inject EnrollmentActivity activity;
  @Context UriInfo uriInfo;

  @GET
  @Operation(
      summary = "What happened in an enrolment, oldest first",
      description =
          "Enrolment, lesson start and completion, quiz attempt and course completion events, as"
              + " recorded in the outbox, and watch sessions (`watch.session`: heartbeats on one"
              + " lesson with no gap longer than `LMS_ACTIVITY_SESSION_GAP_SECONDS`, summarised),"
              + " merged by time. For the student, the course's instructor and admins.")
  @APIResponse(
      responseCode = "200",
      description = "One page of events, with Link headers",
      content = @Content(schema = @Schema(implementation = ActivityPage.class)))
  @APIResponse(responseCode = "404", description = "No such enrolment")
  public Response list(
      @PathParam("id") UUID id,
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    return PagedResponse.of(
        activity.of(id, PageRequest.fromQuery(page, size)).map(ActivityItem::of), uriInfo);
  }

  /**
   * One event of the catalogue (README: Events and webhooks), or one watch session: heartbeats on
   * one lesson summarised (type {@value #WATCH_SESSION}, no event id, version or sequence).
   */
  @Schema(name = "ActivityItem")
  public record ActivityItem(
      @Schema(description = "The event's id; null for a watch session") UUID eventId,
      @Schema(description = "The event type, or `watch.session`") String type,
      @Schema(description = "The event's schema version; null for a watch session") Integer version,
      @Schema(description = "When it happened; for a watch session, when the watching began")
          Instant occurredAt,
      @Schema(description = "Who caused it; null for the server's own work and for sessions")
          UUID actor,
      @Schema(description = "Outbox sequence; null for a watch session") Long sequence,
      @Schema(
              type = SchemaType.OBJECT,
              description =
                  "The event's documented payload; for a watch session lessonId, startedAt,"
                      + " endedAt, heartbeats and secondsWatched")
          JsonObject data) {

    static ActivityItem of(Entry entry) {
      return entry.event() != null ? of(entry.event()) : of(entry.session());
    }

    static ActivityItem of(LoggedEvent e) {
      try (JsonReader reader = Json.createReader(new StringReader(e.payload()))) {
        return new ActivityItem(
            e.id(),
            e.type(),
            e.version(),
            e.occurredAt(),
            e.actor(),
            e.sequence(),
            reader.readObject());
      }
    }

    static ActivityItem of(WatchSessionView s) {
      return new ActivityItem(
          null,
          WATCH_SESSION,
          null,
          s.startedAt(),
          null,
          null,
          Json.createObjectBuilder()
              .add("lessonId", s.lessonId().toString())
              .add("startedAt", s.startedAt().toString())
              .add("endedAt", s.endedAt().toString())
              .add("heartbeats", s.heartbeats())
              .add("secondsWatched", s.secondsWatched())
              .build());
    }
  }

  @Schema(name = "ActivityPage")
  record ActivityPage(
      List<ActivityItem> items, int page, int size, long totalItems, int totalPages) {}
}
