package io.lectern.events.internal;

import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Who caused an event: the signed-in caller of the request, or nobody (null) when the system did it
 * (deadline sweeps, reconciliation, start-up seeding), where no request is active.
 */
@ApplicationScoped
public class Actors {

  @Inject Instance<CurrentUser> currentUser;

  public UUID current() {
    try {
      CurrentUser user = currentUser.get();
      return user.isAuthenticated() ? user.id() : null;
    } catch (RuntimeException noRequest) {
      // ContextNotActiveException, or the servlet request is gone: a background job.
      return null;
    }
  }
}
