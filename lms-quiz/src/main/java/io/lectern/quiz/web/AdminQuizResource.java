package io.lectern.quiz.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;

import io.lectern.quiz.internal.OverdueAttemptSweep;
import io.lectern.quiz.web.QuizResponses.SweepResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators run the overdue-attempt sweep on demand (after a pause, or with the timer off). */
@ApplicationScoped
@Path("/api/v1/admin/quizzes")
@Tag(name = "Quizzes", description = "Quiz authoring, attempts, grading and statistics")
@RolesAllowed(ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminQuizResource {

  @Inject OverdueAttemptSweep sweep;

  @POST
  @Path("/grade-overdue")
  @Operation(
      summary = "Grade overdue attempts now (admins)",
      description =
          "Runs the sweep that also runs every LMS_QUIZ_SWEEP_SECONDS on every node: every open"
              + " attempt past its deadline and grace is graded with the answers saved before"
              + " its deadline. Safe while other nodes sweep: each attempt is graded once."
              + " Answers how many this call graded.")
  @APIResponse(
      responseCode = "200",
      description = "How many attempts this call graded",
      content = @Content(schema = @Schema(implementation = SweepResponse.class)))
  public SweepResponse gradeOverdue() {
    return new SweepResponse(sweep.sweep());
  }
}
