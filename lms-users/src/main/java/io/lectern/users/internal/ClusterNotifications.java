package io.lectern.users.internal;

import io.lectern.shared.lifecycle.SchemaMigrated;
import io.lectern.shared.notify.PgNotificationListener;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What other servers announce about identity, heard on one listening connection: a user's token
 * epoch moved (drop them from the epoch cache) or the signing keys were rotated (reload them).
 * Whenever the connection is (re)established, announcements may have been missed, so the whole
 * epoch cache is dropped and the keys are read again; while it is down, the epoch cache is not
 * trusted at all.
 */
@ApplicationScoped
public class ClusterNotifications implements PgNotificationListener.Handler {

  private static final Logger LOG = Logger.getLogger(ClusterNotifications.class.getName());

  @Resource(lookup = "jdbc/lms")
  DataSource dataSource;

  @Resource ManagedThreadFactory threads;

  @Inject DefaultAccessTokenRevocation revocation;
  @Inject SigningKeys signingKeys;

  private PgNotificationListener listener;

  void start(@Observes @Priority(60) SchemaMigrated migrated) {
    if (listener != null) {
      return;
    }
    listener =
        new PgNotificationListener(
            dataSource::getConnection,
            List.of(TokenEpochs.CHANNEL, SigningKeyStore.CHANNEL),
            this,
            threads,
            PgNotificationListener.Timing.DEFAULT);
    revocation.cache().trustOnlyWhile(listener::listening);
    listener.start();
  }

  @Override
  public void onNotification(String channel, String payload) {
    if (TokenEpochs.CHANNEL.equals(channel)) {
      try {
        revocation.cache().invalidate(UUID.fromString(payload));
      } catch (IllegalArgumentException e) {
        // Not a user id: someone else's message on our channel. Forget everything to be safe.
        revocation.cache().listening();
      }
    } else if (SigningKeyStore.CHANNEL.equals(channel)) {
      reloadKeys();
    }
  }

  @Override
  public void onListening() {
    revocation.cache().listening();
    reloadKeys();
  }

  @Override
  public void onLost() {
    revocation.cache().notListening();
  }

  /** Whether this server hears other servers' announcements now. */
  public boolean listening() {
    return listener != null && listener.listening();
  }

  private void reloadKeys() {
    try {
      signingKeys.reload();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not reload the signing keys", e);
    }
  }

  @PreDestroy
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }
}
