package io.lectern.events.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Live stream settings (README: configuration). */
@ApplicationScoped
public class StreamSettings {

  @Inject
  @ConfigProperty(name = "lms.events.stream.max.per.node", defaultValue = "1000")
  int maxPerNode;

  @Inject
  @ConfigProperty(name = "lms.events.stream.max.per.user", defaultValue = "5")
  int maxPerUser;

  @Inject
  @ConfigProperty(name = "lms.events.stream.replay.max", defaultValue = "500")
  int replayMax;

  @Inject
  @ConfigProperty(name = "lms.events.stream.keepalive.seconds", defaultValue = "15")
  long keepAliveSeconds;

  @Inject
  @ConfigProperty(name = "lms.events.stream.poll.millis", defaultValue = "5000")
  long pollMillis;

  /** Open streams one server holds at most; beyond, 503. */
  public int maxPerNode() {
    return Math.max(1, maxPerNode);
  }

  /** Open streams one user holds on one server at most; beyond, 429. */
  public int maxPerUser() {
    return Math.max(1, maxPerUser);
  }

  /** Missed events a resumed stream replays at most; beyond, a {@code reset} event. */
  public int replayMax() {
    return Math.max(1, replayMax);
  }

  /** Comment keep-alives, and the checks of each stream's token, this often. */
  public Duration keepAlive() {
    return Duration.ofSeconds(Math.max(1, keepAliveSeconds));
  }

  /** How often the outbox is read when no notification arrives (the listener may be down). */
  public Duration poll() {
    return Duration.ofMillis(Math.max(100, pollMillis));
  }
}
