package io.lectern.users.api.event;

import io.lectern.shared.security.Role;
import java.util.UUID;

/** An admin changed the user's role (fired only when it really changed). */
public record UserRoleChanged(UUID userId, Role from, Role to) {}
