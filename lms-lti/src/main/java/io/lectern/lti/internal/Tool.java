package io.lectern.lti.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A registered LTI tool as stored. */
public record Tool(
    UUID id,
    String name,
    String clientId,
    String loginUrl,
    String targetLinkUri,
    List<String> redirectUris,
    String deepLinkingUrl,
    String jwksUrl,
    String publicKeyPem,
    List<String> deploymentIds,
    Map<String, String> custom,
    Instant createdAt,
    Instant updatedAt) {

  boolean hasDeployment(String deploymentId) {
    return deploymentIds.contains(deploymentId);
  }
}
