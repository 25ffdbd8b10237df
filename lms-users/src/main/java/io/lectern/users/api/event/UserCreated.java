package io.lectern.users.api.event;

import io.lectern.shared.security.Role;
import java.util.UUID;

/** An account was created, by self-registration or by an admin. */
public record UserCreated(UUID userId, Role role) {}
