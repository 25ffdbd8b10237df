package io.lectern.lti.internal;

import java.util.List;
import java.util.Map;

/** What an admin registers about a tool (everything but the ids Lectern assigns). */
public record ToolDefinition(
    String name,
    String loginUrl,
    String targetLinkUri,
    List<String> redirectUris,
    String deepLinkingUrl,
    String jwksUrl,
    String publicKeyPem,
    List<String> deploymentIds,
    Map<String, String> custom) {}
