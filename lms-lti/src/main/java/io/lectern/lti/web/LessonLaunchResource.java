package io.lectern.lti.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.lti.internal.LaunchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/lessons/{lessonId}/launch")
@Tag(name = "LTI lessons")
public class LessonLaunchResource {

  @Inject LaunchService launches;

  @GET
  @RolesAllowed({STUDENT_NAME, INSTRUCTOR_NAME, ADMIN_NAME})
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "Launch an lti lesson (LtiResourceLinkRequest)",
      description =
          "Students enrolled in the course, its instructor and admins. Answers a page that posts"
              + " the OIDC third-party-initiated login to the tool (iss, login_hint,"
              + " lti_message_hint, target_link_uri, client_id, lti_deployment_id). The"
              + " lti_message_hint is single-use, expires after LMS_LTI_HINT_SECONDS and is bound"
              + " to the caller, the tool and the lesson.")
  @APIResponse(
      responseCode = "200",
      description = "An auto-submitting form to the tool's login initiation URL",
      content =
          @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "403", description = "Not enrolled in the course")
  @APIResponse(responseCode = "404", description = "No such lti lesson (or a draft of another)")
  public Response launch(@PathParam("lessonId") UUID lessonId) {
    return AutoPostPage.of(launches.launchLesson(lessonId));
  }
}
