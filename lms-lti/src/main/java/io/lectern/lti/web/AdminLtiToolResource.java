package io.lectern.lti.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;

import io.lectern.lti.internal.LtiSettings;
import io.lectern.lti.internal.ToolService;
import io.lectern.lti.web.ToolResponses.ToolPage;
import io.lectern.lti.web.ToolResponses.ToolResponse;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import io.lectern.users.api.PlatformSigner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/admin/lti/tools")
@Tag(
    name = "Admin: LTI tools",
    description =
        "External LTI 1.3 tools Lectern launches as a platform: their URLs, keys, deployments and"
            + " the client id Lectern assigns")
@RolesAllowed(ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminLtiToolResource {

  @Inject ToolService tools;
  @Inject LtiSettings settings;
  @Inject PlatformSigner signer;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a tool",
      description =
          "Lectern assigns the client id; the answer also carries the platform endpoints to"
              + " configure in the tool. URLs must be absolute http(s) URLs; exactly one of"
              + " jwksUrl and publicKeyPem (RSA, 2048 bits or more).")
  @APIResponse(
      responseCode = "201",
      description = "Registered",
      content = @Content(schema = @Schema(implementation = ToolResponse.class)))
  public Response register(@NotNull @Valid ToolRequests.ToolRequest body) {
    var tool = tools.register(body.definition());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(tool.id().toString()).build())
        .entity(ToolResponse.of(tool, platform()))
        .build();
  }

  @GET
  @Operation(summary = "List tools, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "One page of tools, with Link headers",
      content = @Content(schema = @Schema(implementation = ToolPage.class)))
  public Response list(
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    return PagedResponse.of(
        ToolResponses.page(tools.list(PageRequest.fromQuery(page, size)), platform()), uriInfo);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One tool")
  @APIResponse(
      responseCode = "200",
      description = "The tool",
      content = @Content(schema = @Schema(implementation = ToolResponse.class)))
  @APIResponse(responseCode = "404", description = "No such tool")
  public ToolResponse get(@PathParam("id") UUID id) {
    return ToolResponse.of(tools.get(id), platform());
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace a tool's registration",
      description = "The client id stays; cached keys of the tool are dropped.")
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = ToolResponse.class)))
  @APIResponse(responseCode = "404", description = "No such tool")
  public ToolResponse replace(
      @PathParam("id") UUID id, @NotNull @Valid ToolRequests.ToolRequest body) {
    return ToolResponse.of(tools.replace(id, body.definition()), platform());
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a tool that no lesson launches")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such tool")
  @APIResponse(responseCode = "409", description = "Lessons launch this tool")
  public Response delete(@PathParam("id") UUID id) {
    tools.delete(id);
    return Response.noContent().build();
  }

  private ToolResponses.PlatformEndpoints platform() {
    return ToolResponses.platform(signer.issuer(), settings);
  }
}
