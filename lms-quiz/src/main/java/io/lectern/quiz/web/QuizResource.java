package io.lectern.quiz.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.quiz.internal.AttemptService;
import io.lectern.quiz.internal.QuizAuthoringService;
import io.lectern.quiz.internal.StatisticsService;
import io.lectern.quiz.internal.StatisticsService.Statistics;
import io.lectern.quiz.web.QuizResponses.AttemptDetail;
import io.lectern.quiz.web.QuizResponses.AttemptSummary;
import io.lectern.quiz.web.QuizResponses.QuestionDetail;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/quizzes/{quizId}")
@Tag(name = "Quizzes", description = "Quiz authoring, attempts, grading and statistics")
@Produces(MediaType.APPLICATION_JSON)
public class QuizResource {

  @Inject QuizAuthoringService authoring;
  @Inject AttemptService attempts;
  @Inject StatisticsService statistics;
  @Context UriInfo uriInfo;

  @POST
  @Path("/questions")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Add a question",
      description =
          "The course's instructor and admins. `type` multiple_choice (at least 2 `options`"
              + " `{id?, text, correct}`, at least one correct; several may be), true_false"
              + " (`correctAnswer`) or short_answer (`acceptedAnswers`, compared trimmed and"
              + " case-insensitively); `points` > 0 (default 1); `position` among the questions"
              + " (default last). 409 once students have attempted the quiz.")
  @APIResponse(
      responseCode = "201",
      description = "The question with its answer key",
      content = @Content(schema = @Schema(implementation = QuestionDetail.class)))
  @APIResponse(responseCode = "400", description = "Invalid or incomplete question")
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  @APIResponse(responseCode = "404", description = "No such quiz")
  @APIResponse(responseCode = "409", description = "The quiz has attempts")
  public Response addQuestion(
      @PathParam("quizId") UUID quizId, @NotNull @Valid QuizRequests.NewQuestion body) {
    QuestionDetail question = QuestionDetail.of(authoring.addQuestion(quizId, body.toCommand()));
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("api/v1/questions")
                .path(question.id().toString())
                .build())
        .entity(question)
        .build();
  }

  @PUT
  @Path("/questions/order")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Reorder the questions",
      description =
          "`questionIds` must list every question of the quiz exactly once (400 otherwise)."
              + " Existing attempts keep the order they were shown.")
  @APIResponse(responseCode = "200", description = "The questions in their new order")
  @APIResponse(responseCode = "400", description = "Not exactly the quiz's questions")
  public List<QuestionDetail> reorder(
      @PathParam("quizId") UUID quizId, @NotNull @Valid QuizRequests.QuestionOrder body) {
    return authoring.reorder(quizId, body.questionIds()).stream().map(QuestionDetail::of).toList();
  }

  @PUT
  @Path("/overrides/{userId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Set a student's extra time and extra attempts",
      description =
          "The course's instructor and admins. Replaces the student's override (absent values"
              + " are 0). The deadline of an attempt the student has open moves at once.")
  @APIResponse(
      responseCode = "200",
      description = "The override",
      content = @Content(schema = @Schema(implementation = QuizResponses.OverrideDetail.class)))
  @APIResponse(responseCode = "404", description = "No such quiz or user")
  public QuizResponses.OverrideDetail override(
      @PathParam("quizId") UUID quizId,
      @PathParam("userId") UUID userId,
      @NotNull @Valid QuizRequests.OverrideBody body) {
    return QuizResponses.OverrideDetail.of(authoring.putOverride(quizId, userId, body.toCommand()));
  }

  @POST
  @Path("/attempts")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "Start an attempt",
      description =
          "Actively enrolled students. 201 with the attempt and its questions in the attempt's"
              + " own order, without correct flags, accepted answers or explanations; the deadline"
              + " (start + time limit + the student's extra time) is fixed now. 409 while another"
              + " attempt is open (named in the detail) or when every attempt is used.")
  @APIResponse(
      responseCode = "201",
      description = "The new attempt",
      content = @Content(schema = @Schema(implementation = AttemptDetail.class)))
  @APIResponse(responseCode = "403", description = "Not enrolled in the course")
  @APIResponse(responseCode = "404", description = "No such (published) quiz")
  @APIResponse(responseCode = "409", description = "An attempt is open, or none is left")
  public Response start(@PathParam("quizId") UUID quizId) {
    AttemptDetail attempt = AttemptDetail.of(attempts.start(quizId));
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("api/v1/attempts")
                .path(attempt.id().toString())
                .build())
        .entity(attempt)
        .build();
  }

  @GET
  @Path("/attempts/me")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
  @Operation(
      summary = "My attempts at the quiz",
      description =
          "The caller's attempts in attempt order (figures only; open each for details)."
              + " Attempts past their deadline are graded first. Paginated.")
  @APIResponse(
      responseCode = "200",
      description = "One page of attempts",
      content = @Content(schema = @Schema(implementation = AttemptPage.class)))
  public Response mine(
      @PathParam("quizId") UUID quizId,
      @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    PageRequest paging = PageRequest.fromQuery(page, size);
    return PagedResponse.of(attempts.mine(quizId, paging).map(AttemptSummary::of), uriInfo);
  }

  @GET
  @Path("/attempts")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "Every attempt at the quiz",
      description =
          "The course's instructor and admins; newest first, optionally one `status`"
              + " (in_progress, submitted, graded). Paginated.")
  @APIResponse(
      responseCode = "200",
      description = "One page of attempts",
      content = @Content(schema = @Schema(implementation = AttemptPage.class)))
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  public Response list(
      @PathParam("quizId") UUID quizId,
      @QueryParam("status") String status,
      @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    if (status != null && !status.matches("in_progress|submitted|graded")) {
      throw LmsException.invalidField(
          "request.invalid", "status", "must be one of in_progress, submitted, graded");
    }
    PageRequest paging = PageRequest.fromQuery(page, size);
    return PagedResponse.of(
        attempts.ofQuiz(quizId, status, paging).map(AttemptSummary::of), uriInfo);
  }

  @GET
  @Path("/statistics")
  @RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME})
  @Operation(
      summary = "The quiz's statistics",
      description =
          "Over graded attempts: count, average percentage, pass count and rate, average time,"
              + " a histogram of percentages by tens (the last bucket is 90-100), and per question"
              + " how many attempts were shown it, answered it correctly, and that share.")
  @APIResponse(
      responseCode = "200",
      description = "The figures",
      content = @Content(schema = @Schema(implementation = Statistics.class)))
  @APIResponse(responseCode = "403", description = "Not the course's instructor")
  public Statistics statistics(@PathParam("quizId") UUID quizId) {
    return statistics.of(quizId);
  }

  /** Documents the page shape: {@code Page<AttemptSummary>}. */
  @Schema(name = "AttemptPage")
  record AttemptPage(
      List<AttemptSummary> items, int page, int size, long totalItems, int totalPages) {}
}
