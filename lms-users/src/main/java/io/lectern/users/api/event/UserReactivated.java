package io.lectern.users.api.event;

import java.util.UUID;

/** An admin reactivated a previously deactivated user. */
public record UserReactivated(UUID userId) {}
