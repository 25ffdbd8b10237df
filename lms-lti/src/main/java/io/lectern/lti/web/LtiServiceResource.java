package io.lectern.lti.web;

import io.lectern.lti.api.LtiScopes;
import io.lectern.lti.internal.GradeService;
import io.lectern.lti.internal.LineItem;
import io.lectern.lti.internal.LineItemRepository;
import io.lectern.lti.internal.LtiSettings;
import io.lectern.lti.internal.MembershipService;
import io.lectern.lti.internal.TokenService;
import io.lectern.lti.internal.Tool;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.QueryParams;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Assignment and Grade Services 2.0 and Names and Role Provisioning Services 2.0, called by tools
 * with an access token of {@code /api/v1/lti/token} (not a Lectern sign-in: hence {@code PermitAll}
 * here and the token and scope check in {@link TokenService#require}). A course exists for a tool
 * only when the tool is deployed in it (one of its lessons launches the tool).
 */
@ApplicationScoped
@Path("/api/v1/lti/contexts/{courseId}")
@Tag(
    name = "LTI services",
    description = "AGS line items, scores and results; NRPS memberships (tool access tokens)")
@PermitAll
public class LtiServiceResource {

  static final String LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
  static final String LINE_ITEMS = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  static final String SCORE = "application/vnd.ims.lis.v1.score+json";
  static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";
  static final String MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

  @Inject TokenService tokens;
  @Inject GradeService grades;
  @Inject MembershipService memberships;
  @Inject LtiSettings settings;
  @Context UriInfo uriInfo;

  @GET
  @Path("/lineitems")
  @Produces({LINE_ITEMS, MediaType.APPLICATION_JSON})
  @Operation(summary = "The tool's line items of the course (scope lineitem or lineitem.readonly)")
  @APIResponse(
      responseCode = "200",
      description = "A JSON array of line items; Link rel=next while more follow",
      content =
          @Content(
              mediaType = LINE_ITEMS,
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = AgsSchemas.LineItem.class)))
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "The tool is not deployed in this course")
  public Response lineItems(
      @PathParam("courseId") UUID courseId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Parameter(description = "Only the line items of this resource link (lesson id)")
          @QueryParam("resource_link_id")
          String resourceLinkId,
      @QueryParam("resource_id") String resourceId,
      @QueryParam("tag") String tag,
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit) {
    Tool tool = tokens.require(authorization, LtiScopes.LINE_ITEM, LtiScopes.LINE_ITEM_READ_ONLY);
    var filter =
        new LineItemRepository.Filter(
            QueryParams.uuid("lti.resource-link", "resource_link_id", resourceLinkId),
            QueryParams.text("lti.query", "resource_id", resourceId, 255),
            QueryParams.text("lti.query", "tag", tag, 255));
    Page<LineItem> items = grades.list(tool, courseId, filter, PageRequest.fromQuery(page, limit));
    JsonArrayBuilder array = Json.createArrayBuilder();
    items.items().forEach(i -> array.add(AgsJson.lineItemJson(url(courseId, i), i)));
    return paged(Response.ok(array.build().toString(), LINE_ITEMS), items).build();
  }

  @POST
  @Path("/lineitems")
  @Consumes({LINE_ITEM, MediaType.APPLICATION_JSON})
  @Produces({LINE_ITEM, MediaType.APPLICATION_JSON})
  @Operation(summary = "Create a line item (scope lineitem)")
  @APIResponse(
      responseCode = "201",
      description = "The line item",
      content =
          @Content(
              mediaType = LINE_ITEM,
              schema = @Schema(implementation = AgsSchemas.LineItem.class)))
  @APIResponse(responseCode = "400", description = "Invalid line item")
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "The tool is not deployed in this course")
  public Response createLineItem(
      @PathParam("courseId") UUID courseId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = LINE_ITEM,
                      schema = @Schema(implementation = AgsSchemas.LineItem.class)))
          String body) {
    Tool tool = tokens.require(authorization, LtiScopes.LINE_ITEM);
    LineItem created = grades.create(tool, courseId, AgsJson.lineItem(AgsJson.parse(body)));
    String url = url(courseId, created);
    return Response.created(java.net.URI.create(url))
        .type(LINE_ITEM)
        .entity(AgsJson.lineItemJson(url, created).build().toString())
        .build();
  }

  @GET
  @Path("/lineitems/{lineItemId}")
  @Produces({LINE_ITEM, MediaType.APPLICATION_JSON})
  @Operation(summary = "One line item (scope lineitem or lineitem.readonly)")
  @APIResponse(
      responseCode = "200",
      description = "The line item",
      content =
          @Content(
              mediaType = LINE_ITEM,
              schema = @Schema(implementation = AgsSchemas.LineItem.class)))
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "No such line item of this tool and course")
  public Response lineItem(
      @PathParam("courseId") UUID courseId,
      @PathParam("lineItemId") UUID lineItemId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Tool tool = tokens.require(authorization, LtiScopes.LINE_ITEM, LtiScopes.LINE_ITEM_READ_ONLY);
    LineItem item = grades.get(tool, courseId, lineItemId);
    return Response.ok(
            AgsJson.lineItemJson(url(courseId, item), item).build().toString(), LINE_ITEM)
        .build();
  }

  @PUT
  @Path("/lineitems/{lineItemId}")
  @Consumes({LINE_ITEM, MediaType.APPLICATION_JSON})
  @Produces({LINE_ITEM, MediaType.APPLICATION_JSON})
  @Operation(summary = "Replace a line item (scope lineitem)")
  @APIResponse(
      responseCode = "200",
      description = "The line item",
      content =
          @Content(
              mediaType = LINE_ITEM,
              schema = @Schema(implementation = AgsSchemas.LineItem.class)))
  @APIResponse(responseCode = "400", description = "Invalid line item")
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "No such line item of this tool and course")
  public Response updateLineItem(
      @PathParam("courseId") UUID courseId,
      @PathParam("lineItemId") UUID lineItemId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = LINE_ITEM,
                      schema = @Schema(implementation = AgsSchemas.LineItem.class)))
          String body) {
    Tool tool = tokens.require(authorization, LtiScopes.LINE_ITEM);
    LineItem item =
        grades.update(tool, courseId, lineItemId, AgsJson.lineItem(AgsJson.parse(body)));
    return Response.ok(
            AgsJson.lineItemJson(url(courseId, item), item).build().toString(), LINE_ITEM)
        .build();
  }

  @DELETE
  @Path("/lineitems/{lineItemId}")
  @Operation(summary = "Delete a line item with its scores (scope lineitem)")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "No such line item of this tool and course")
  public Response deleteLineItem(
      @PathParam("courseId") UUID courseId,
      @PathParam("lineItemId") UUID lineItemId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Tool tool = tokens.require(authorization, LtiScopes.LINE_ITEM);
    grades.delete(tool, courseId, lineItemId);
    return Response.noContent().build();
  }

  @POST
  @Path("/lineitems/{lineItemId}/scores")
  @Consumes({SCORE, MediaType.APPLICATION_JSON})
  @Operation(
      summary = "Post a user's score (scope score)",
      description =
          "A later timestamp replaces an earlier score. On a lesson's line item, an enrolled"
              + " student's score moves the lesson's progress; activityProgress=Completed with"
              + " gradingProgress=FullyGraded completes the lesson.")
  @APIResponse(responseCode = "204", description = "Recorded")
  @APIResponse(responseCode = "400", description = "Invalid score")
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "No such line item of this tool and course")
  @APIResponse(responseCode = "422", description = "The user is not a member of the course")
  public Response score(
      @PathParam("courseId") UUID courseId,
      @PathParam("lineItemId") UUID lineItemId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = SCORE,
                      schema = @Schema(implementation = AgsSchemas.Score.class)))
          String body) {
    Tool tool = tokens.require(authorization, LtiScopes.SCORE);
    grades.score(tool, courseId, lineItemId, AgsJson.score(AgsJson.parse(body)));
    return Response.noContent().build();
  }

  @GET
  @Path("/lineitems/{lineItemId}/results")
  @Produces({RESULTS, MediaType.APPLICATION_JSON})
  @Operation(summary = "The results of a line item (scope result.readonly)")
  @APIResponse(
      responseCode = "200",
      description = "A JSON array of results; Link rel=next while more follow",
      content =
          @Content(
              mediaType = RESULTS,
              schema = @Schema(type = SchemaType.ARRAY, implementation = AgsSchemas.Result.class)))
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "No such line item of this tool and course")
  public Response results(
      @PathParam("courseId") UUID courseId,
      @PathParam("lineItemId") UUID lineItemId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("user_id") String userId,
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit) {
    Tool tool = tokens.require(authorization, LtiScopes.RESULT_READ_ONLY);
    LineItem item = grades.get(tool, courseId, lineItemId);
    var results =
        grades.results(
            tool,
            courseId,
            lineItemId,
            QueryParams.uuid("lti.query", "user_id", userId),
            PageRequest.fromQuery(page, limit));
    String url = url(courseId, item);
    JsonArrayBuilder array = Json.createArrayBuilder();
    results.items().forEach(s -> array.add(AgsJson.resultJson(url, item, s)));
    return paged(Response.ok(array.build().toString(), RESULTS), results).build();
  }

  @GET
  @Path("/memberships")
  @Produces({MEMBERSHIPS, MediaType.APPLICATION_JSON})
  @Operation(
      summary = "The course's members with LIS roles (NRPS 2.0, scope contextmembership.readonly)")
  @APIResponse(
      responseCode = "200",
      description = "A membership container; Link rel=next while more follow",
      content =
          @Content(
              mediaType = MEMBERSHIPS,
              schema = @Schema(implementation = AgsSchemas.Memberships.class)))
  @APIResponse(responseCode = "401", description = "No valid tool access token")
  @APIResponse(responseCode = "403", description = "The token lacks the scope")
  @APIResponse(responseCode = "404", description = "The tool is not deployed in this course")
  public Response memberships(
      @PathParam("courseId") UUID courseId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit) {
    Tool tool = tokens.require(authorization, LtiScopes.MEMBERSHIPS);
    var roster = memberships.members(tool, courseId, PageRequest.fromQuery(page, limit));
    JsonArrayBuilder members = Json.createArrayBuilder();
    for (var member : roster.members().items()) {
      JsonArrayBuilder roles = Json.createArrayBuilder();
      member.roles().forEach(roles::add);
      members.add(
          Json.createObjectBuilder()
              .add("status", "Active")
              .add("user_id", member.user().id().toString())
              .add("name", member.user().fullName())
              .add("email", member.user().email())
              .add("roles", roles));
    }
    String body =
        Json.createObjectBuilder()
            .add("id", uriInfo.getRequestUri().toString())
            .add(
                "context",
                Json.createObjectBuilder()
                    .add("id", roster.course().id().toString())
                    .add("label", roster.course().slug())
                    .add("title", roster.course().title()))
            .add("members", members)
            .build()
            .toString();
    return paged(Response.ok(body, MEMBERSHIPS), roster.members()).build();
  }

  private String url(UUID courseId, LineItem item) {
    return settings.base() + "/api/v1/lti/contexts/" + courseId + "/lineitems/" + item.id();
  }

  /** Link rel=next/prev/first/last in the query parameter names of AGS and NRPS (limit). */
  private Response.ResponseBuilder paged(Response.ResponseBuilder response, Page<?> page) {
    response.header("X-Total-Count", page.totalItems());
    int last = Math.max(0, page.totalPages() - 1);
    response.links(link(0, page.size(), "first"), link(last, page.size(), "last"));
    if (page.hasNext()) {
      response.links(link(page.page() + 1, page.size(), "next"));
    }
    if (page.hasPrevious()) {
      response.links(link(Math.min(page.page() - 1, last), page.size(), "prev"));
    }
    return response;
  }

  private Link link(int page, int size, String rel) {
    return Link.fromUriBuilder(
            uriInfo
                .getRequestUriBuilder()
                .replaceQueryParam("page", page)
                .replaceQueryParam("limit", size))
        .rel(rel)
        .build();
  }
}
