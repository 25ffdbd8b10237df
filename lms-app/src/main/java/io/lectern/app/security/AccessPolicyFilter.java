package io.lectern.app.security;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
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
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessPolicyFilter implements ContainerRequestFilter {

  @Context ResourceInfo resourceInfo;
  @Inject CurrentUser currentUser;
  @Inject DeactivatedUsers deactivatedUsers;

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
    if (declaring.isAnnotationPresent(PermitAll.class)) {
      return;
    }
    RolesAllowed allowed = declaring.getAnnotation(RolesAllowed.class);
    if (!currentUser.isAuthenticated()) {
      if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
        throw LmsException.unauthorized(
            "auth.invalid-token", "The access token is invalid or has expired; sign in again.");
      }
      throw CurrentUser.anonymous();
    }
    if (deactivatedUsers.contains(currentUser.id())) {
      throw LmsException.unauthorized(
          "auth.account-deactivated", "This account has been deactivated.");
    }
    var role = currentUser.role();
    for (String name : allowed.value()) {
      if (role != null && role.value().equals(name)) {
        return;
      }
    }
    throw LmsException.forbidden("auth.forbidden", "Your role may not call this endpoint.");
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
