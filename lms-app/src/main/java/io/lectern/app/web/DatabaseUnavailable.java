package io.lectern.app.web;

import io.lectern.shared.error.LmsException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure that means "the database cannot be reached right now" (it restarts, is
 * unreachable, or refuses connections): SQL states of class 08 (connection exception), PostgreSQL's
 * shutdown and start-up states, too many connections, and the pool's wait timeout. Such a request
 * gets 503 with Retry-After instead of 500: nothing is wrong with it, and the server recovers by
 * itself (the pool replaces broken connections).
 */
final class DatabaseUnavailable {

  static final long RETRY_AFTER_SECONDS = 5;

  /** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseUnavailable() {}

  static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || STATES.contains(state)) {
          return true;
        }
      }
      String name = t.getClass().getName();
      if (name.endsWith("ConnectionWaitTimeoutException")
          || name.endsWith("StaleConnectionException")
          || name.endsWith("JDBCConnectionException")) {
        return true;
      }
    }
    return false;
  }

  static LmsException problem() {
    return LmsException.unavailable(
        "server.database-unavailable",
        "The database cannot be reached right now; try again in a few seconds.",
        RETRY_AFTER_SECONDS);
  }
}
