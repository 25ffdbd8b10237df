package io.lectern.users.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;
import static io.lectern.shared.security.Role.INSTRUCTOR_NAME;
import static io.lectern.shared.security.Role.STUDENT_NAME;

import io.lectern.shared.security.CurrentUser;
import io.lectern.users.internal.AccountService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/users/me")
@Tag(name = "Account", description = "The signed-in user's own account")
@RolesAllowed({ADMIN_NAME, INSTRUCTOR_NAME, STUDENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Inject AccountService accounts;
  @Inject CurrentUser currentUser;

  @GET
  @Operation(summary = "The signed-in user")
  public UserResponse me() {
    return UserResponse.of(accounts.me(currentUser.id()));
  }

  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change name and/or password",
      description =
          "A password change needs currentPassword and signs out every other session of the user.")
  @APIResponse(responseCode = "200", description = "Updated account")
  @APIResponse(responseCode = "400", description = "Invalid values or wrong current password")
  public UserResponse update(@NotNull @Valid UserRequests.UpdateMe body) {
    return UserResponse.of(
        accounts.update(
            currentUser.id(),
            body.fullName(),
            body.currentPassword(),
            body.newPassword(),
            currentUser.sessionId().orElse(null)));
  }
}
