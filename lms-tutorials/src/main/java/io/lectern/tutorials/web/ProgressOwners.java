package io.lectern.tutorials.web;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import io.lectern.shared.security.CurrentUser;
import io.lectern.users.api.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Whose progress a request addresses. The client may name a {@code userId} (in the query or the
 * body): absent, null or blank means the caller, the caller's own id is fine, anyone else's is 403
 * unless the caller is an admin, for whom it must be the id of an existing user.
 */
@ApplicationScoped
public class ProgressOwners {

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Inject CurrentUser currentUser;
  @Inject UserDirectory users;

  public UUID resolve(String requested) {
    UUID me = currentUser.id();
    if (requested == null || requested.isBlank()) {
      return me;
    }
    UUID named = parse(requested);
    if (me.equals(named)) {
      return me;
    }
    if (!currentUser.isAdmin()) {
      throw LmsException.forbidden(
          "auth.not-owner", "You may only read and change your own tutorial progress.");
    }
    if (named == null) {
      throw LmsException.validation(
          "request.invalid",
          "Invalid request: userId must be the id (a UUID) of a user.",
          List.of(new Violation("userId", "must be the id (a UUID) of a user")));
    }
    if (users.find(named).isEmpty()) {
      throw LmsException.notFound(
          "tutorials.user-not-found", "There is no user with id " + named + ".");
    }
    return named;
  }

  /** For requests that may name the user both in the query and in the body: they must agree. */
  public UUID resolve(String fromQuery, String fromBody) {
    UUID queried = resolve(fromQuery);
    UUID given = resolve(fromBody);
    if (!queried.equals(given) && !isBlank(fromQuery) && !isBlank(fromBody)) {
      throw LmsException.validation(
          "request.invalid",
          "Invalid request: userId in the query and userId in the body name different users.",
          List.of(new Violation("userId", "must name the same user as the query's userId")));
    }
    return isBlank(fromBody) ? queried : given;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static UUID parse(String text) {
    String normalized = text.strip().toLowerCase(Locale.ROOT);
    return UUID_TEXT.matcher(normalized).matches() ? UUID.fromString(normalized) : null;
  }
}
