package io.lectern.app.security;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import io.lectern.users.api.AccessTokenRevocation;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

/**
 * Enforces the access declaration every endpoint must carry ({@code @PermitAll},
 * {@code @RolesAllowed} or {@code @DenyAll}, on the method or its class): anonymous calls to a
 * protected endpoint get 401, signed-in callers without the role get 403, and an endpoint that
 * declares nothing is refused, so a forgotten annotation fails closed.
 *
 * <p>A signed token is also checked against its user's token epoch: a token issued before the user
 * was deactivated, changed role, signed out everywhere or changed password gets 401 on a protected
 * endpoint, and counts as no token at all on a public one (as an expired token does), so that a
 * client that sends its stale token along can still refresh or sign in, and sees no more than
 * anyone. The check is a lookup in memory; see {@link AccessTokenRevocation}.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessPolicyFilter implements ContainerRequestFilter {

  @Context ResourceInfo resourceInfo;
  @Inject JwtCurrentUser currentUser;
  @Inject AccessTokenRevocation revocation;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resourceInfo.getResourceMethod();
    if (method == null) {
      return;
    }
    AnnotatedElement declaring = declarationOf(method, resourceInfo.getResourceClass());
    if (declaring == null || declaring.isAnnotationPresent(DenyAll.class)) {
      throw LmsException.forbidden("auth.denied", "This endpoint is not available.");
    }
    LmsException revoked = currentUser.isAuthenticated() ? revocation() : null;
    if (declaring.isAnnotationPresent(PermitAll.class)) {
      if (revoked != null) {
        currentUser.disregardToken();
      }
      return;
    }
    if (revoked != null) {
      throw revoked;
    }
    RolesAllowed allowed = declaring.getAnnotation(RolesAllowed.class);
    if (!currentUser.isAuthenticated()) {
      if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
        throw LmsException.unauthorized(
            "auth.invalid-token", "The access token is invalid or has expired; sign in again.");
      }
      throw CurrentUser.anonymous();
    }
    var role = currentUser.role();
    for (String name : allowed.value()) {
      if (role != null && role.value().equals(name)) {
        return;
      }
    }
    throw LmsException.forbidden("auth.forbidden", "Your role may not call this endpoint.");
  }

  /** The 401 a revoked token deserves, or null for a token still valid. */
  private LmsException revocation() {
    return switch (revocation.standing(currentUser.id(), currentUser.tokenEpoch())) {
      case VALID -> null;
      case DEACTIVATED ->
          LmsException.unauthorized(
              "auth.account-deactivated", "This account has been deactivated.");
      case REVOKED ->
          LmsException.unauthorized(
              "auth.token-revoked",
              "This access token was revoked (the account's role or password changed, or it"
                  + " signed out everywhere); refresh it or sign in again.");
    };
  }

  /** The method if it declares access itself, else its class if that does, else null. */
  static AnnotatedElement declarationOf(Method method, Class<?> resourceClass) {
    if (declares(method)) {
      return method;
    }
    if (resourceClass != null && declares(resourceClass)) {
      return resourceClass;
    }
    return declares(method.getDeclaringClass()) ? method.getDeclaringClass() : null;
  }

  static boolean declares(AnnotatedElement element) {
    return element.isAnnotationPresent(PermitAll.class)
        || element.isAnnotationPresent(RolesAllowed.class)
        || element.isAnnotationPresent(DenyAll.class);
  }
}
