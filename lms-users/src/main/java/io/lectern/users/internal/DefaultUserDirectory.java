package io.lectern.users.internal;

import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DefaultUserDirectory implements UserDirectory {

  @Inject UserRepository users;

  @Override
  public Optional<UserView> find(UUID id) {
    return users.find(id).map(DefaultUserDirectory::view);
  }

  static UserView view(User user) {
    return new UserView(user.id(), user.email(), user.fullName(), user.role(), user.active());
  }
}
