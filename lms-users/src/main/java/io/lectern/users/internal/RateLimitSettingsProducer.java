package io.lectern.users.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the rate limits from the environment (see the README's "Rate limits"). */
@ApplicationScoped
public class RateLimitSettingsProducer {

  @Inject
  @ConfigProperty(name = "lms.rate.limit.reads.per.minute", defaultValue = "1200")
  int readsPerMinute;

  @Inject
  @ConfigProperty(name = "lms.rate.limit.writes.per.minute", defaultValue = "300")
  int writesPerMinute;

  @Inject
  @ConfigProperty(name = "lms.rate.limit.sign.in.per.minute", defaultValue = "60")
  int signInPerMinute;

  @Inject
  @ConfigProperty(name = "lms.rate.limit.routes")
  Optional<String> routes;

  @Produces
  RateLimitSettings settings() {
    return new RateLimitSettings(
        readsPerMinute,
        writesPerMinute,
        signInPerMinute,
        RateLimitSettings.parseRoutes(routes.orElse("")));
  }
}
