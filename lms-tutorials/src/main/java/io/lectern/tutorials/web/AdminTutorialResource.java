package io.lectern.tutorials.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import io.lectern.tutorials.api.TutorialStatistics;
import io.lectern.tutorials.api.TutorialStatistics.ProgressAnomaly;
import io.lectern.tutorials.api.TutorialStatistics.TutorialStats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/admin/tutorials")
@Tag(name = "Admin: tutorials", description = "Tutorial activity and data checks for admins")
@RolesAllowed(ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminTutorialResource {

  static final int DEFAULT_DAYS = 7;

  @Inject TutorialStatistics statistics;
  @Context UriInfo uriInfo;

  @GET
  @Path("/stats")
  @Operation(
      summary = "Tutorial activity in the last days",
      description =
          "Per tutorial (at most 100, most active first): users who watched a chapter in the"
              + " window and their average completion; and certificates issued per UTC day.")
  @APIResponse(
      responseCode = "200",
      description = "The figures",
      content = @Content(schema = @Schema(implementation = TutorialStats.class)))
  @APIResponse(responseCode = "400", description = "days is not a whole number from 1 to 366")
  public TutorialStats stats(
      @Parameter(description = "Window in days, 1 to 366, default 7") @QueryParam("days")
          String days) {
    return statistics.activity(parseDays(days));
  }

  @GET
  @Path("/anomalies")
  @Operation(
      summary = "Progress records that break the data rules",
      description =
          "Completion percentage outside 0-100, more chapters completed than the tutorial has,"
              + " negative watch time. Paginated, ordered by tutorial and user.")
  @APIResponse(
      responseCode = "200",
      description = "One page of anomalies, with Link headers",
      content = @Content(schema = @Schema(implementation = AnomalyPage.class)))
  public Response anomalies(
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    return PagedResponse.of(statistics.anomalies(PageRequest.fromQuery(page, size)), uriInfo);
  }

  /** Documents the page shape: {@code Page<ProgressAnomaly>}. */
  @Schema(name = "ProgressAnomalyPage")
  record AnomalyPage(
      List<ProgressAnomaly> items, int page, int size, long totalItems, int totalPages) {}

  private static int parseDays(String days) {
    if (days == null || days.isBlank()) {
      return DEFAULT_DAYS;
    }
    try {
      int value = Integer.parseInt(days.strip());
      if (value >= 1 && value <= TutorialStatistics.MAX_DAYS) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String message = "must be a whole number from 1 to " + TutorialStatistics.MAX_DAYS;
    throw LmsException.validation(
        "request.invalid",
        "Invalid request: days " + message + ".",
        List.of(new Violation("days", message)));
  }
}
