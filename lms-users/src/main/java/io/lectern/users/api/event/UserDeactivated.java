package io.lectern.users.api.event;

import java.util.UUID;

/** An admin deactivated the user; their refresh tokens are already revoked. */
public record UserDeactivated(UUID userId) {}
