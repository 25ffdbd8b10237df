package io.lectern.lti.web;

import io.lectern.lti.internal.ToolDefinition;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the tool registration API. */
public final class ToolRequests {

  private ToolRequests() {}

  /** A tool as an admin registers (or replaces) it. */
  @Schema(name = "LtiToolRequest")
  public record ToolRequest(
      @NotBlank @Size(max = 200) String name,
      @Schema(description = "The tool's OIDC login initiation URL") @NotBlank @Size(max = 2048)
          String loginUrl,
      @Schema(description = "Where resource-link launches go unless a lesson says otherwise")
          @NotBlank
          @Size(max = 2048)
          String targetLinkUri,
      @Schema(description = "Every redirect_uri the tool may ask the id_token to be posted to")
          @NotNull
          @Size(min = 1, max = 20)
          List<@NotBlank @Size(max = 2048) String> redirectUris,
      @Schema(description = "Where deep-linking requests go (default: targetLinkUri)")
          @Size(max = 2048)
          String deepLinkingUrl,
      @Schema(description = "The tool's JWKS URL; give this or publicKeyPem") @Size(max = 2048)
          String jwksUrl,
      @Schema(description = "The tool's RSA public key in PEM; give this or jwksUrl")
          @Size(max = 4096)
          String publicKeyPem,
      @Schema(description = "The deployment ids of this tool in Lectern")
          @NotNull
          @Size(min = 1, max = 20)
          List<@NotBlank @Size(max = 255) String> deploymentIds,
      @Schema(description = "Custom parameters sent with every launch (keys a-z, 0-9, _)")
          @Size(max = 50)
          Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1000) String> custom) {

    ToolDefinition definition() {
      return new ToolDefinition(
          name.strip(),
          loginUrl.strip(),
          targetLinkUri.strip(),
          redirectUris.stream().map(String::strip).toList(),
          blankToNull(deepLinkingUrl),
          blankToNull(jwksUrl),
          blankToNull(publicKeyPem),
          deploymentIds.stream().map(String::strip).toList(),
          custom == null ? Map.of() : custom);
    }
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
