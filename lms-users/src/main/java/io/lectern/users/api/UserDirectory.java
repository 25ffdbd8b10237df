package io.lectern.users.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read access to users for other modules (names on certificates, instructor names, ...). */
public interface UserDirectory {

  Optional<UserView> find(UUID id);

  /** The users among {@code ids} that exist, by id (one query, for pages of results). */
  Map<UUID, UserView> findAll(Collection<UUID> ids);

  Optional<UserView> findByEmail(String email);
}
