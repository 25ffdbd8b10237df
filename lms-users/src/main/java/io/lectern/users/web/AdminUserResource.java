package io.lectern.users.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.security.Role;
import io.lectern.shared.web.PagedResponse;
import io.lectern.shared.web.QueryParams;
import io.lectern.users.internal.UserAdministrationService;
import io.lectern.users.internal.UserRepository.UserFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
@Path("/api/v1/admin/users")
@Tag(name = "Admin: users", description = "User management for admins")
@RolesAllowed(ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminUserResource {

  @Inject UserAdministrationService administration;
  @Context UriInfo uriInfo;

  @GET
  @Operation(summary = "List users, oldest first, filtered by role, active flag and text")
  @APIResponse(
      responseCode = "200",
      description = "One page of users, with Link headers",
      content = @Content(schema = @Schema(implementation = UserPage.class)))
  public Response list(
      @Parameter(description = "admin, instructor or student") @QueryParam("role") String role,
      @Parameter(description = "true or false") @QueryParam("active") String active,
      @Parameter(description = "Text searched in email and full name") @QueryParam("q") String q,
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    UserFilter filter =
        new UserFilter(
            parseRole(role),
            QueryParams.bool("users.invalid-filter", "active", active),
            blankToNull(q));
    var result =
        administration.list(filter, PageRequest.fromQuery(page, size)).map(UserResponse::of);
    return PagedResponse.of(result, uriInfo);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a user with any role")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(responseCode = "409", description = "The email is taken")
  public Response create(@NotNull @Valid UserRequests.CreateUser body) {
    var user =
        administration.create(
            body.email(), body.password(), body.fullName(), Role.fromValue(body.role()));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(user.id().toString()).build())
        .entity(UserResponse.of(user))
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One user")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(responseCode = "404", description = "No such user")
  public UserResponse get(@PathParam("id") UUID id) {
    return UserResponse.of(administration.get(id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change role, active flag or name",
      description =
          "Deactivating revokes the user's refresh tokens at once. The last active admin cannot"
              + " be demoted or deactivated (409).")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(responseCode = "409", description = "Would leave no active admin")
  public UserResponse update(
      @PathParam("id") UUID id, @NotNull @Valid UserRequests.UpdateUser body) {
    return UserResponse.of(
        administration.update(id, Role.fromValue(body.role()), body.active(), body.fullName()));
  }

  /** Documents the page shape: {@code Page<UserResponse>}. */
  @Schema(name = "UserPage")
  record UserPage(
      java.util.List<UserResponse> items, int page, int size, long totalItems, int totalPages) {}

  private static Role parseRole(String role) {
    if (role == null || role.isBlank()) {
      return null;
    }
    Role parsed = Role.fromValue(role);
    if (parsed == null) {
      throw LmsException.invalidField("users.invalid-role", "role", UserRequests.ROLE_MESSAGE);
    }
    return parsed;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
