package io.lectern.users.api;

import java.util.Optional;
import java.util.UUID;

/** Read access to users for other modules (names on certificates, instructor names, ...). */
public interface UserDirectory {

  Optional<UserView> find(UUID id);
}
