package io.lectern.events.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Webhook delivery settings (README: configuration). */
@ApplicationScoped
public class WebhookSettings {

  @Inject
  @ConfigProperty(name = "lms.webhooks.allow.private.targets", defaultValue = "false")
  boolean allowPrivateTargets;

  @Inject
  @ConfigProperty(name = "lms.webhooks.poll.millis", defaultValue = "1000")
  long pollMillis;

  @Inject
  @ConfigProperty(name = "lms.webhooks.retry.base.millis", defaultValue = "5000")
  long retryBaseMillis;

  @Inject
  @ConfigProperty(name = "lms.webhooks.retry.max.seconds", defaultValue = "3600")
  long retryMaxSeconds;

  @Inject
  @ConfigProperty(name = "lms.webhooks.max.attempts", defaultValue = "12")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "lms.webhooks.disable.after.failures", defaultValue = "50")
  int disableAfterFailures;

  @Inject
  @ConfigProperty(name = "lms.webhooks.timeout.millis", defaultValue = "5000")
  long timeoutMillis;

  /** Loopback, link-local, private and similar targets are refused unless this is set. */
  public boolean allowPrivateTargets() {
    return allowPrivateTargets;
  }

  public Duration poll() {
    return Duration.ofMillis(Math.max(50, pollMillis));
  }

  public Duration retryBase() {
    return Duration.ofMillis(Math.max(50, retryBaseMillis));
  }

  public Duration retryMax() {
    return Duration.ofSeconds(Math.max(1, retryMaxSeconds));
  }

  /** Attempts per delivery before it is given up as failed. */
  public int maxAttempts() {
    return Math.max(1, maxAttempts);
  }

  /** Failed attempts in a row (over all its deliveries) after which a subscription is disabled. */
  public int disableAfterFailures() {
    return Math.max(1, disableAfterFailures);
  }

  /** Connect and whole-request timeout of one delivery. */
  public Duration timeout() {
    return Duration.ofMillis(Math.max(100, timeoutMillis));
  }
}
