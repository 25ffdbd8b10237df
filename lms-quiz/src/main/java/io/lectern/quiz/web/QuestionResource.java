package io.lectern.quiz.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;

import io.lectern.quiz.internal.QuizAuthoringService;
import io.lectern.quiz.web.QuizResponses.QuestionDetail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/questions/{id}")
@Tag(name = "Quizzes", description = "Quiz authoring, attempts, grading and statistics")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class QuestionResource {

  @Inject QuizAuthoringService authoring;

  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a question",
      description =
          "The course's instructor and admins. Absent fields stay; `options` replaces the list"
              + " (options sent with their id keep it, new ones get one); `explanation: \"\"`"
              + " clears it. Once students have attempted the quiz, only wording may change:"
              + " type, points, options' ids or correct flags and accepted answers are 409.")
  @APIResponse(
      responseCode = "200",
      description = "The question with its answer key",
      content = @Content(schema = @Schema(implementation = QuestionDetail.class)))
  @APIResponse(responseCode = "400", description = "Invalid or incomplete question")
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  @APIResponse(responseCode = "404", description = "No such question")
  @APIResponse(responseCode = "409", description = "The change would re-grade attempts")
  public QuestionDetail patch(
      @PathParam("id") UUID id, @NotNull @Valid QuizRequests.QuestionChanges body) {
    return QuestionDetail.of(authoring.updateQuestion(id, body.toCommand()));
  }

  @DELETE
  @Operation(
      summary = "Delete a question",
      description =
          "The course's instructor and admins; 409 once students have attempted the quiz, or for"
              + " the last question of a published quiz.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  @APIResponse(responseCode = "404", description = "No such question")
  @APIResponse(responseCode = "409", description = "Attempted quiz, or last published question")
  public Response delete(@PathParam("id") UUID id) {
    authoring.deleteQuestion(id);
    return Response.noContent().build();
  }
}
