package io.lectern.shared.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** The decisions behind {@link ReplicaReads}, kept free of the container so they can be tested. */
final class ReplicaRouting {

  /**
   * SQL states of a replica that cannot answer: connection failures (class 08), the server shutting
   * down or not yet accepting connections (57P01-57P03), and a query cancelled because replay had
   * to remove rows it was reading (40001 on a standby: "conflict with recovery").
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "40001");

  private ReplicaRouting() {}

  /**
   * A replica is configured when its URL is set, is not an unresolved placeholder and names another
   * database than the primary (Liberty's configuration defaults the read URL to the primary's).
   */
  static boolean configured(String readUrl, String primaryUrl) {
    if (readUrl == null || readUrl.isBlank() || readUrl.contains("${")) {
      return false;
    }
    return !readUrl.strip().equals(primaryUrl == null ? null : primaryUrl.strip());
  }

  /** A nested read keeps the routing of the read around it. */
  static boolean useReplica(boolean configured, boolean eligible, boolean alreadyRouted) {
    return configured && eligible && !alreadyRouted;
  }

  /** Whether {@code failure} says the replica could not serve, rather than the read being wrong. */
  static boolean isReplicaUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
