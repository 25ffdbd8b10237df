package io.lectern.users.api;

import io.lectern.shared.security.Role;
import java.util.UUID;

/** What other modules may know about a user. */
public record UserView(UUID id, String email, String fullName, Role role, boolean active) {}
