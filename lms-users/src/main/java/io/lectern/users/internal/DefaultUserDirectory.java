package io.lectern.users.internal;

import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class DefaultUserDirectory implements UserDirectory {

  @Inject UserRepository users;

  @Override
  public Optional<UserView> find(UUID id) {
    return users.find(id).map(DefaultUserDirectory::view);
  }

  @Override
  public Map<UUID, UserView> findAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return users.findAll(ids).stream()
        .collect(Collectors.toMap(User::id, DefaultUserDirectory::view));
  }

  @Override
  public Optional<UserView> findByEmail(String email) {
    return users.findByEmail(email).map(DefaultUserDirectory::view);
  }

  static UserView view(User user) {
    return new UserView(user.id(), user.email(), user.fullName(), user.role(), user.active());
  }
}
