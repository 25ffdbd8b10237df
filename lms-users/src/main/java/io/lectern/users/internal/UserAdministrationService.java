package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.security.Role;
import io.lectern.users.api.event.UserDeactivated;
import io.lectern.users.api.event.UserReactivated;
import io.lectern.users.api.event.UserRoleChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admin user management. The platform always keeps at least one active admin. */
@ApplicationScoped
public class UserAdministrationService {

  @Inject UserRepository users;
  @Inject RefreshTokenRepository tokens;
  @Inject AuthenticationService authentication;
  @Inject TokenEpochs epochs;
  @Inject Clock clock;
  @Inject Event<UserDeactivated> deactivated;
  @Inject Event<UserReactivated> reactivated;
  @Inject Event<UserRoleChanged> roleChanged;

  public Page<User> list(UserRepository.UserFilter filter, PageRequest paging) {
    return users.search(filter, paging);
  }

  public User get(UUID id) {
    return users
        .find(id)
        .orElseThrow(() -> LmsException.notFound("users.not-found", "No user has this id."));
  }

  @Transactional
  public User create(String email, String password, String fullName, Role role) {
    return authentication.createAccount(email, password, fullName, role);
  }

  /**
   * Applies the given changes (null = unchanged). Deactivation revokes every refresh token; a role
   * change or (de)activation also ends the user's access tokens on every server at once (their
   * token epoch moves on), so a demoted user's token no longer carries the old role.
   */
  @Transactional
  public User update(UUID id, Role role, Boolean active, String fullName) {
    User user = get(id);
    Instant now = clock.instant();
    boolean losesAdmin =
        user.isAdmin()
            && user.active()
            && ((role != null && role != Role.ADMIN) || Boolean.FALSE.equals(active));
    if (losesAdmin) {
      List<User> admins = users.lockActiveAdmins();
      if (admins.size() <= 1) {
        throw LmsException.conflict(
            "users.last-admin",
            "This is the last active admin; promote another admin before demoting or"
                + " deactivating this one.");
      }
    }
    boolean revokeAccess = false;
    if (role != null && role != user.role()) {
      Role from = user.role();
      user.changeRole(role, now);
      revokeAccess = true;
      roleChanged.fire(new UserRoleChanged(id, from, role));
    }
    if (fullName != null) {
      user.rename(fullName, now);
    }
    if (active != null && active != user.active()) {
      user.setActive(active, now);
      if (active) {
        reactivated.fire(new UserReactivated(id));
      } else {
        tokens.revokeAllOf(id, now);
        deactivated.fire(new UserDeactivated(id));
      }
      revokeAccess = true;
    }
    if (revokeAccess) {
      epochs.bump(id);
    }
    return user;
  }
}
