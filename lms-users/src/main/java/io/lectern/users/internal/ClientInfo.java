package io.lectern.users.internal;

/** Where a sign-in came from, recorded with its refresh token and used for throttling. */
public record ClientInfo(String ipAddress, String userAgent) {}
