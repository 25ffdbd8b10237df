package io.lectern.quiz.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.quiz.internal.AttemptService;
import io.lectern.quiz.web.QuizResponses.AttemptDetail;
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
@Path("/api/v1/attempts/{id}")
@Tag(name = "Quizzes", description = "Quiz authoring, attempts, grading and statistics")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class AttemptResource {

  @Inject AttemptService attempts;

  @GET
  @Operation(
      summary = "An attempt",
      description =
          "Its student, the course's instructor and admins. An open attempt past its deadline is"
              + " graded first with the answers saved before the deadline. Students see"
              + " per-question results, correct answers and explanations only as the quiz's"
              + " showCorrectAnswers allows (never, after_submit, after_last_attempt).")
  @APIResponse(
      responseCode = "200",
      description = "The attempt",
      content = @Content(schema = @Schema(implementation = AttemptDetail.class)))
  @APIResponse(responseCode = "403", description = "Someone else's attempt")
  @APIResponse(responseCode = "404", description = "No such attempt")
  public AttemptDetail get(@PathParam("id") UUID id) {
    return AttemptDetail.of(attempts.get(id));
  }

  @PUT
  @Path("/answers")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Save answers",
      description =
          "The attempt's student, while it is open and before its deadline (+5 s grace):"
              + " `{answers: [{questionId, optionIds | value | text}]}`, merged by question; an"
              + " empty answer clears one. Unknown questions or options, or the wrong shape for"
              + " the question's type, are 400 and save nothing. After the deadline 409"
              + " (quiz.deadline-passed) and nothing changes.")
  @APIResponse(
      responseCode = "200",
      description = "The attempt with its saved answers",
      content = @Content(schema = @Schema(implementation = AttemptDetail.class)))
  @APIResponse(responseCode = "400", description = "Answers that do not fit the attempt")
  @APIResponse(responseCode = "403", description = "Not the attempt's student")
  @APIResponse(responseCode = "409", description = "Submitted, or past the deadline")
  public AttemptDetail save(@PathParam("id") UUID id, @NotNull @Valid QuizRequests.Answers body) {
    attempts.closeIfOverdue(id);
    return AttemptDetail.of(attempts.save(id, body.toCommands()));
  }

  @POST
  @Path("/submit")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Submit and grade the attempt",
      description =
          "The attempt's student; optional `{answers}` are saved first. Graded on the server"
              + " (no score is accepted from the client), exactly once: a second or concurrent"
              + " submit is 409. Returns score, max score, percentage, passed, time taken, and"
              + " per-question results only as the quiz's policy allows. Updates the lesson's"
              + " progress (attempts, best score per the grading policy, completion on a pass).")
  @APIResponse(
      responseCode = "200",
      description = "The graded attempt",
      content = @Content(schema = @Schema(implementation = AttemptDetail.class)))
  @APIResponse(responseCode = "409", description = "Already submitted, or past the deadline")
  public AttemptDetail submit(@PathParam("id") UUID id, @Valid QuizRequests.Submission body) {
    attempts.closeIfOverdue(id);
    return AttemptDetail.of(attempts.submit(id, body == null ? null : body.toCommands()));
  }
}
