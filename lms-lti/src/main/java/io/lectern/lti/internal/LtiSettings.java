package io.lectern.lti.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's addresses (derived from {@code LMS_PUBLIC_BASE_URL}, what tools and browsers
 * reach) and the lifetimes of launch hints and service access tokens.
 */
@ApplicationScoped
public class LtiSettings {

  @Inject
  @ConfigProperty(name = "lms.public.base.url", defaultValue = "http://localhost:9080")
  String publicBaseUrl;

  @Inject
  @ConfigProperty(name = "lms.lti.hint.seconds", defaultValue = "300")
  long hintSeconds;

  @Inject
  @ConfigProperty(name = "lms.lti.access.token.seconds", defaultValue = "3600")
  long accessTokenSeconds;

  public String base() {
    return publicBaseUrl.endsWith("/")
        ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
  }

  public String authorizeUrl() {
    return base() + "/api/v1/lti/authorize";
  }

  public String tokenUrl() {
    return base() + "/api/v1/lti/token";
  }

  public String jwksUrl() {
    return base() + "/.well-known/jwks.json";
  }

  public String deepLinkReturnUrl() {
    return base() + "/api/v1/lti/deep-linking/return";
  }

  String lineItemsUrl(java.util.UUID courseId) {
    return base() + "/api/v1/lti/contexts/" + courseId + "/lineitems";
  }

  String lineItemUrl(java.util.UUID courseId, java.util.UUID lineItemId) {
    return lineItemsUrl(courseId) + "/" + lineItemId;
  }

  String membershipsUrl(java.util.UUID courseId) {
    return base() + "/api/v1/lti/contexts/" + courseId + "/memberships";
  }

  Duration hintLifetime() {
    return Duration.ofSeconds(Math.max(10, hintSeconds));
  }

  Duration accessTokenLifetime() {
    return Duration.ofSeconds(Math.max(60, accessTokenSeconds));
  }
}
