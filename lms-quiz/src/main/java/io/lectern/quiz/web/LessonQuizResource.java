package io.lectern.quiz.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.quiz.internal.AttemptService;
import io.lectern.quiz.internal.QuizAuthoringService;
import io.lectern.quiz.web.QuizResponses.QuizDetail;
import io.lectern.quiz.web.QuizResponses.QuizForStudent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
@Path("/api/v1/lessons/{lessonId}/quiz")
@Tag(name = "Quizzes", description = "Quiz authoring, attempts, grading and statistics")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class LessonQuizResource {

  @Inject QuizAuthoringService authoring;
  @Inject AttemptService attempts;

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create or replace the lesson's quiz settings",
      description =
          "The course's instructor and admins; the lesson must be of type quiz (422). Every field"
              + " is replaced: absent ones take their defaults (practice, passingScore 70, no time"
              + " limit, unlimited attempts, no shuffling, showCorrectAnswers after_submit,"
              + " gradingPolicy highest, unpublished). Publishing needs a question (422). Once"
              + " students have attempted the quiz, changing passingScore or gradingPolicy is 409.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = QuizDetail.class)))
  @APIResponse(responseCode = "200", description = "Updated")
  @APIResponse(responseCode = "400", description = "Invalid settings")
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  @APIResponse(responseCode = "404", description = "No such lesson")
  @APIResponse(responseCode = "409", description = "The change would re-grade attempts")
  @APIResponse(responseCode = "422", description = "Not a quiz lesson, or no question to publish")
  public Response put(
      @PathParam("lessonId") UUID lessonId, @NotNull @Valid QuizRequests.QuizBody body) {
    var saved = authoring.put(lessonId, body.toCommand());
    QuizDetail detail = QuizDetail.of(saved.quiz(), saved.questions());
    return Response.status(saved.created() ? 201 : 200).entity(detail).build();
  }

  @GET
  @Operation(
      summary = "The lesson's quiz",
      description =
          "For the course's instructor and admins: every setting and question with its answer"
              + " key. For actively enrolled students (published quizzes only): the settings and"
              + " their own standing (attempts used and allowed, extra time, open attempt), never"
              + " the questions or answers; questions come with an attempt.")
  @APIResponse(
      responseCode = "200",
      description = "The quiz",
      content = @Content(schema = @Schema(oneOf = {QuizDetail.class, QuizForStudent.class})))
  @APIResponse(responseCode = "403", description = "Not enrolled in the course")
  @APIResponse(responseCode = "404", description = "No such lesson, or no (published) quiz")
  public Object get(@PathParam("lessonId") UUID lessonId) {
    var view = attempts.lessonQuiz(lessonId);
    if (view.staff()) {
      return QuizDetail.of(view.quiz(), view.questions());
    }
    return QuizForStudent.of(view);
  }
}
