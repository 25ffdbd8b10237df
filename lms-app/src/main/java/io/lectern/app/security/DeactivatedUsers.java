package io.lectern.app.security;

import io.lectern.users.api.event.UserDeactivated;
import io.lectern.users.api.event.UserReactivated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users deactivated while this server runs. Access tokens are stateless and live up to 15 minutes;
 * this list makes a deactivation take effect on the next request instead of at token expiry,
 * without a database read per request. It is per server and starts empty, so after a restart the
 * token lifetime is the bound again.
 */
@ApplicationScoped
public class DeactivatedUsers {

  private final Set<UUID> deactivated = ConcurrentHashMap.newKeySet();

  void onDeactivated(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserDeactivated event) {
    deactivated.add(event.userId());
  }

  void onReactivated(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserReactivated event) {
    deactivated.remove(event.userId());
  }

  public boolean contains(UUID userId) {
    return deactivated.contains(userId);
  }
}
