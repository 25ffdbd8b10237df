package io.lectern.users.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;

import io.lectern.users.internal.SigningKeys;
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

@ApplicationScoped
@Path("/api/v1/admin/signing-keys")
@Tag(name = "Admin: signing keys", description = "Rotation of the keys that sign access tokens")
@RolesAllowed(ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminSigningKeyResource {

  @Inject SigningKeys keys;

  @POST
  @Path("/rotate")
  @Operation(
      summary = "Start signing access tokens with a new key",
      description =
          "Every server signs with the new key from activatesAt on (LMS_JWT_KEY_ACTIVATION_SECONDS"
              + " after the call, so that all servers know it first); tokens signed with older"
              + " keys stay valid until they expire. Nobody is signed out.")
  @APIResponse(
      responseCode = "200",
      description = "The new key",
      content = @Content(schema = @Schema(implementation = IssuerResponses.RotationResponse.class)))
  public IssuerResponses.RotationResponse rotate() {
    SigningKeys.Rotation rotation = keys.rotate();
    return new IssuerResponses.RotationResponse(
        rotation.kid(), rotation.activatesAt(), rotation.previousKeysRetireAt());
  }
}
