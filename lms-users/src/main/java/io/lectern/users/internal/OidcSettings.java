package io.lectern.users.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Single sign-on configuration (see {@link OidcSettingsProducer}): the providers by name, where the
 * providers send the browser back to, where the browser finally lands, and how long each step may
 * take.
 */
public record OidcSettings(
    Map<String, OidcProvider> providers,
    URI publicBaseUrl,
    URI frontEndUrl,
    Duration loginLifetime,
    Duration exchangeCodeLifetime,
    Duration httpTimeout) {

  public Optional<OidcProvider> provider(String name) {
    return Optional.ofNullable(providers.get(name));
  }

  /** The redirect URI registered at the provider for this provider's callback. */
  public URI callbackFor(OidcProvider provider) {
    String base = publicBaseUrl.toString().replaceFirst("/+$", "");
    return URI.create(base + "/api/v1/auth/oidc/" + provider.name() + "/callback");
  }
}
