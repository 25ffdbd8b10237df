package io.lectern.lti.web;

import io.lectern.lti.internal.LtiSettings;
import io.lectern.lti.internal.Tool;
import io.lectern.shared.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the tool registration API. */
public final class ToolResponses {

  private ToolResponses() {}

  /** What the tool needs to know about Lectern to register it as its platform. */
  @Schema(name = "LtiPlatformEndpoints")
  public record PlatformEndpoints(
      @Schema(description = "iss of Lectern's messages (LMS_JWT_ISSUER)") String issuer,
      @Schema(description = "The OIDC authorization endpoint") String authorizationUrl,
      @Schema(description = "The OAuth 2.0 token endpoint of the LTI services") String tokenUrl,
      @Schema(description = "Lectern's public keys") String jwksUrl) {}

  @Schema(name = "LtiTool")
  public record ToolResponse(
      UUID id,
      String name,
      @Schema(description = "Assigned by Lectern; configure it in the tool") String clientId,
      String loginUrl,
      String targetLinkUri,
      List<String> redirectUris,
      String deepLinkingUrl,
      String jwksUrl,
      String publicKeyPem,
      List<String> deploymentIds,
      Map<String, String> custom,
      PlatformEndpoints platform,
      Instant createdAt,
      Instant updatedAt) {

    static ToolResponse of(Tool t, PlatformEndpoints platform) {
      return new ToolResponse(
          t.id(),
          t.name(),
          t.clientId(),
          t.loginUrl(),
          t.targetLinkUri(),
          t.redirectUris(),
          t.deepLinkingUrl(),
          t.jwksUrl(),
          t.publicKeyPem(),
          t.deploymentIds(),
          t.custom(),
          platform,
          t.createdAt(),
          t.updatedAt());
    }
  }

  /** One page of tools (for the OpenAPI document). */
  @Schema(name = "LtiToolPage")
  public record ToolPage(
      List<ToolResponse> items, int page, int size, long totalItems, int totalPages) {}

  static PlatformEndpoints platform(String issuer, LtiSettings settings) {
    return new PlatformEndpoints(
        issuer, settings.authorizeUrl(), settings.tokenUrl(), settings.jwksUrl());
  }

  static Page<ToolResponse> page(Page<Tool> tools, PlatformEndpoints platform) {
    return tools.map(t -> ToolResponse.of(t, platform));
  }
}
