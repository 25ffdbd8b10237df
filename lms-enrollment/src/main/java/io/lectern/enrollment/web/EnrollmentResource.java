package io.lectern.enrollment.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.enrollment.internal.EnrollmentService;
import io.lectern.enrollment.internal.ProgressService;
import io.lectern.enrollment.web.EnrollmentResponses.EnrollmentResponse;
import io.lectern.enrollment.web.EnrollmentResponses.LessonProgressResponse;
import io.lectern.enrollment.web.EnrollmentResponses.ProgressResponse;
import io.lectern.enrollment.web.EnrollmentResponses.SyncResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/enrollments/{id}")
@Tag(name = "Enrolments", description = "Enrolments, lesson progress and offline sync")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

  @Inject EnrollmentService enrollments;
  @Inject ProgressService progress;

  @GET
  @Operation(
      summary = "An enrolment with its progress summary",
      description = "For its student, the course's instructor and admins; anyone else gets 403.")
  @APIResponse(
      responseCode = "200",
      description = "The enrolment",
      content = @Content(schema = @Schema(implementation = EnrollmentResponse.class)))
  @APIResponse(responseCode = "403", description = "Someone else's enrolment")
  @APIResponse(responseCode = "404", description = "No such enrolment")
  public EnrollmentResponse get(@PathParam("id") UUID id) {
    return EnrollmentResponse.of(enrollments.get(id));
  }

  @POST
  @Path("/drop")
  @Operation(
      summary = "Drop the enrolment",
      description =
          "By its student or an admin. Progress is kept; enrolling again reactivates it. A"
              + " dropped enrolment takes no progress (409).")
  @APIResponse(responseCode = "200", description = "The dropped enrolment")
  @APIResponse(responseCode = "409", description = "Already dropped or expired")
  public EnrollmentResponse drop(@PathParam("id") UUID id) {
    return EnrollmentResponse.of(enrollments.drop(id));
  }

  @GET
  @Path("/progress")
  @Operation(
      summary = "The course progress",
      description =
          "Every lesson in outline order with its status, time and position, the percentage"
              + " (against the course's current lessons), totals and the lesson to resume: the"
              + " first lesson in outline order that is not completed, with its last position.")
  @APIResponse(
      responseCode = "200",
      description = "The progress",
      content = @Content(schema = @Schema(implementation = ProgressResponse.class)))
  public ProgressResponse courseProgress(@PathParam("id") UUID id) {
    return ProgressResponse.of(enrollments.get(id));
  }

  @POST
  @Path("/lessons/{lessonId}/start")
  @Operation(
      summary = "Start (or reopen) a lesson",
      description = "Only the enrolled student; a completed lesson stays completed.")
  @APIResponse(
      responseCode = "200",
      description = "The lesson's progress",
      content = @Content(schema = @Schema(implementation = LessonProgressResponse.class)))
  @APIResponse(responseCode = "403", description = "Not the enrolment's student")
  @APIResponse(responseCode = "404", description = "No such enrolment, or lesson of its course")
  @APIResponse(responseCode = "409", description = "The enrolment was dropped")
  public LessonProgressResponse start(
      @PathParam("id") UUID id, @PathParam("lessonId") UUID lessonId) {
    return LessonProgressResponse.of(progress.start(id, lessonId));
  }

  @POST
  @Path("/lessons/{lessonId}/heartbeat")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add time spent and the current position",
      description =
          "Adds `seconds` atomically, at most 300 per heartbeat, and never beyond the time since"
              + " the lesson was first started plus 60 s; the reply says how many seconds were"
              + " accepted and refused. Starts the lesson if need be; the position takes the"
              + " latest value.")
  @APIResponse(
      responseCode = "200",
      description = "The lesson's progress with acceptedSeconds and refusedSeconds",
      content = @Content(schema = @Schema(implementation = LessonProgressResponse.class)))
  @APIResponse(responseCode = "400", description = "Missing or negative seconds")
  public LessonProgressResponse heartbeat(
      @PathParam("id") UUID id,
      @PathParam("lessonId") UUID lessonId,
      @NotNull @Valid EnrollmentRequests.Heartbeat body) {
    return LessonProgressResponse.of(
        progress.heartbeat(id, lessonId, body.seconds(), body.positionSeconds()));
  }

  @POST
  @Path("/lessons/{lessonId}/complete")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Complete a lesson, optionally with a score (0-100)",
      description =
          "Completion is never undone; a score counts as an attempt and the best score is kept."
              + " Completing the course's last lesson completes the enrolment.")
  @APIResponse(
      responseCode = "200",
      description = "The lesson's progress",
      content = @Content(schema = @Schema(implementation = LessonProgressResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The enrolment was dropped, or the lesson is completed by a grade (a published quiz, or"
              + " an lti lesson's tool)")
  public LessonProgressResponse complete(
      @PathParam("id") UUID id,
      @PathParam("lessonId") UUID lessonId,
      @Valid EnrollmentRequests.Completion body) {
    return LessonProgressResponse.of(
        progress.complete(id, lessonId, body == null ? null : body.score()));
  }

  @PUT
  @Path("/review")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Rate and review the course",
      description = "The enrolled student, after at least 20% progress (422 before).")
  @APIResponse(responseCode = "200", description = "The enrolment with its review")
  @APIResponse(responseCode = "400", description = "Rating not 1-5, review not 10-2000 chars")
  @APIResponse(responseCode = "422", description = "Less than 20% progress")
  public EnrollmentResponse review(
      @PathParam("id") UUID id, @NotNull @Valid EnrollmentRequests.Review body) {
    return EnrollmentResponse.of(enrollments.review(id, body.rating(), body.review()));
  }

  @POST
  @Path("/progress/sync")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Apply progress recorded offline",
      description =
          "Up to 500 events `{eventId, lessonId, type: start|heartbeat|complete, seconds?,"
              + " positionSeconds?, score?, occurredAt}`, applied in occurredAt order with the"
              + " live rules. Each eventId is applied at most once per enrolment: a resent event"
              + " is `duplicate`. Events in the future (beyond 5 minutes of clock skew), before"
              + " the enrolment, or for another course's lesson are `rejected`. Results come in"
              + " request order.")
  @APIResponse(
      responseCode = "200",
      description = "A result per event",
      content = @Content(schema = @Schema(implementation = SyncResponse.class)))
  @APIResponse(responseCode = "400", description = "Malformed batch or more than 500 events")
  public SyncResponse sync(
      @PathParam("id") UUID id, @NotNull @Valid EnrollmentRequests.SyncBatch body) {
    return SyncResponse.of(progress.sync(id, body.toCommands()));
  }
}
