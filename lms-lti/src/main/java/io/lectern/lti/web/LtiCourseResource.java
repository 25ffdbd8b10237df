package io.lectern.lti.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.lti.internal.DeepLinkingService;
import io.lectern.lti.internal.LaunchService;
import io.lectern.lti.internal.LtiLessonService;
import io.lectern.lti.internal.NewLtiLesson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/courses/{courseId}/lti")
@Tag(
    name = "LTI lessons",
    description = "Lessons that launch external LTI 1.3 tools, added by hand or by deep linking")
@RolesAllowed({INSTRUCTOR_NAME, ADMIN_NAME})
public class LtiCourseResource {

  @Inject LtiLessonService lessons;
  @Inject LaunchService launches;
  @Inject DeepLinkingService deepLinking;

  /** An lti lesson added. */
  @Schema(name = "LtiLessonAdded")
  public record Added(
      UUID lessonId,
      @Schema(description = "Null when no line item was asked for") UUID lineItemId,
      UUID toolId,
      String deploymentId) {

    static Added of(LtiLessonService.Added a) {
      return new Added(a.lessonId(), a.lineItemId(), a.link().toolId(), a.link().deploymentId());
    }
  }

  /** The lessons a deep-linking answer added. */
  @Schema(name = "LtiDeepLinkingAccepted")
  public record Accepted(List<Added> lessons) {}

  @POST
  @Path("/lessons")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a lesson that launches a registered tool",
      description =
          "The course's instructor or an admin. The lesson has type lti; its id is the LTI"
              + " resource link id. With lineItem, a gradebook column the tool scores through"
              + " AGS, which moves the lesson's progress.")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = Added.class)))
  @APIResponse(responseCode = "404", description = "No such course (or a draft of another) or tool")
  public Response addLesson(
      @PathParam("courseId") UUID courseId, @NotNull @Valid LtiLessonRequests.LessonRequest body) {
    var added =
        lessons.add(
            courseId,
            new NewLtiLesson(
                body.parentLessonId(),
                body.title().strip(),
                body.toolId(),
                body.deploymentId().strip(),
                ToolRequests.blankToNull(body.targetLinkUri()),
                body.custom() == null ? Map.of() : body.custom(),
                body.lineItem() == null ? null : body.lineItem().label().strip(),
                body.lineItem() == null ? null : body.lineItem().scoreMaximum()));
    return Response.created(URI.create("/api/v1/lessons/" + added.lessonId()))
        .entity(Added.of(added))
        .build();
  }

  @POST
  @Path("/deep-linking")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "Start a deep-linking request to a tool (LtiDeepLinkingRequest)",
      description =
          "The course's instructor or an admin. Answers a page that posts the OIDC login"
              + " initiation to the tool; the tool's signed answer comes back to"
              + " /api/v1/lti/deep-linking/return, then accept it here to add the lessons.")
  @APIResponse(
      responseCode = "200",
      description = "An auto-submitting form to the tool's login initiation URL",
      content =
          @Content(
              mediaType = MediaType.TEXT_HTML,
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
  @APIResponse(responseCode = "404", description = "No such course or tool")
  public Response startDeepLinking(
      @PathParam("courseId") UUID courseId,
      @NotNull @Valid LtiLessonRequests.DeepLinkingStart body) {
    return AutoPostPage.of(
        launches.startDeepLinking(courseId, body.toolId(), body.deploymentId().strip()));
  }

  @POST
  @Path("/deep-linking/{requestId}/accept")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add the lessons a tool's deep-linking answer carries",
      description =
          "Only the user who started the request, once: each resource link becomes an lti"
              + " lesson, with a line item where the item carries one.")
  @APIResponse(
      responseCode = "201",
      description = "The lessons added",
      content = @Content(schema = @Schema(implementation = Accepted.class)))
  @APIResponse(
      responseCode = "404",
      description = "No answered, unaccepted request of the caller with this id in this course")
  public Response accept(
      @PathParam("courseId") UUID courseId, @PathParam("requestId") UUID requestId) {
    List<Added> added = deepLinking.accept(courseId, requestId).stream().map(Added::of).toList();
    return Response.status(Response.Status.CREATED)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new Accepted(added))
        .build();
  }
}
