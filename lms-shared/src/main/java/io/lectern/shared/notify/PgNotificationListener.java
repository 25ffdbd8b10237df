package io.lectern.shared.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Receives PostgreSQL notifications ({@code LISTEN}) on one dedicated connection held by one
 * thread. NOTIFY is transactional: a notification sent in a transaction is delivered only when it
 * commits, so a receiver never learns of a change that was rolled back.
 *
 * <p>When the connection drops (database restart, network failure, a health query failing), the
 * listener tells its handler ({@link Handler#onLost()}), since notifications sent meanwhile are
 * lost, and reconnects with exponential backoff; once it listens again it says so ({@link
 * Handler#onListening()}) so that the handler can drop whatever it may have missed. A connection
 * whose peer vanished without closing it sends nothing and fails no read: a health query every
 * {@code healthCheck} proves the connection alive, and {@link #listening()} is false as soon as no
 * proof came for four health-check periods, before any error surfaces. Carries no business rule:
 * what a channel means is the handler's affair.
 */
public final class PgNotificationListener implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PgNotificationListener.class.getName());
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Marks the listener's statements, so an operator finds its connection in pg_stat_activity. */
  static final String MARK = " /* pg-notification-listener */";

  /** Opens a connection (a {@code DataSource::getConnection}). */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  /** What to do with notifications and with the listener's state. Called on its thread. */
  public interface Handler {
    void onNotification(String channel, String payload);

    /** Listening (again): notifications sent before now may have been missed. */
    void onListening();

    /** No longer listening: notifications sent from now on are missed until onListening. */
    void onLost();
  }

  /** Timing: how long to wait per poll, how often to check an idle connection, the backoff. */
  public record Timing(
      Duration poll, Duration healthCheck, Duration minBackoff, Duration maxBackoff) {
    public static final Timing DEFAULT =
        new Timing(
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(200),
            Duration.ofSeconds(10));
  }

  private final ConnectionSource connections;
  private final List<String> channels;
  private final Handler handler;
  private final Timing timing;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean listening;
  private volatile long confirmedAt;
  private volatile Connection current;

  public PgNotificationListener(
      ConnectionSource connections,
      List<String> channels,
      Handler handler,
      ThreadFactory threads,
      Timing timing) {
    for (String channel : channels) {
      if (!CHANNEL.matcher(channel).matches()) {
        throw new IllegalArgumentException("Not a plain channel name: " + channel);
      }
    }
    this.connections = connections;
    this.channels = List.copyOf(channels);
    this.handler = handler;
    this.timing = timing;
    this.thread = threads.newThread(this::run);
    this.thread.setName("pg-listen-" + String.join("-", channels));
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /**
   * Whether the listener holds a connection with every channel subscribed that proved itself alive
   * within the last four health-check periods: notifications sent now will arrive.
   */
  public boolean listening() {
    return listening && System.nanoTime() - confirmedAt < 4 * timing.healthCheck().toNanos();
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    Connection connection = current;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException ignored) {
        // Closing on shutdown: the thread ends either way.
      }
    }
  }

  private void run() {
    long backoff = timing.minBackoff().toMillis();
    boolean reportedOutage = false;
    while (!closed) {
      try (Connection connection = connections.open()) {
        current = connection;
        listen(connection);
        backoff = timing.minBackoff().toMillis();
        if (reportedOutage) {
          LOG.info("Listening again on " + channels);
          reportedOutage = false;
        }
        receive(connection);
      } catch (SQLException | RuntimeException e) {
        if (!closed && !reportedOutage) {
          LOG.log(
              Level.WARNING,
              "Lost the notification connection for "
                  + channels
                  + "; reconnecting with backoff: "
                  + e.getMessage());
          reportedOutage = true;
        }
      } finally {
        current = null;
        stopListening();
      }
      if (!closed) {
        sleep(backoff);
        backoff = Math.min(backoff * 2, timing.maxBackoff().toMillis());
      }
    }
  }

  private void listen(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      for (String channel : channels) {
        statement.execute("LISTEN " + channel + MARK);
      }
    }
    confirmedAt = System.nanoTime();
    listening = true;
    handler.onListening();
  }

  private void receive(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    int pollMillis = (int) timing.poll().toMillis();
    long nextCheck = System.nanoTime() + timing.healthCheck().toNanos();
    while (!closed) {
      deliver(pg.getNotifications(pollMillis));
      if (System.nanoTime() - nextCheck >= 0) {
        // A peer that vanished without closing the socket sends nothing: ask something.
        try (Statement statement = connection.createStatement()) {
          statement.execute("SELECT 1" + MARK);
        }
        // What arrived during the query is buffered: hand it over before vouching for the
        // connection.
        deliver(pg.getNotifications());
        confirmedAt = System.nanoTime();
        nextCheck = confirmedAt + timing.healthCheck().toNanos();
      }
    }
    try (Statement statement = connection.createStatement()) {
      // A pooled connection must not keep listening (and buffering) once handed back.
      statement.execute("UNLISTEN *");
    }
  }

  private void deliver(PGNotification[] notifications) {
    if (notifications != null) {
      for (PGNotification notification : notifications) {
        deliver(notification);
      }
    }
  }

  private void deliver(PGNotification notification) {
    try {
      handler.onNotification(notification.getName(), notification.getParameter());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A notification handler failed on " + notification.getName(), e);
    }
  }

  private void stopListening() {
    if (listening) {
      listening = false;
      try {
        handler.onLost();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A notification handler failed on losing its connection", e);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
