package io.lectern.users.internal;

/** The outcome of a sign-in or a refresh: a new access token and a new refresh token. */
public record SignedIn(String accessToken, String refreshToken, long expiresIn, User user) {}
