package io.lectern.events.internal;

import io.lectern.events.internal.EventStream.Caller;
import io.lectern.events.internal.StreamFeed.Audience;
import io.lectern.events.internal.StreamFeed.FeedEvent;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.lifecycle.SchemaMigrated;
import io.lectern.shared.notify.PgNotificationListener;
import io.lectern.users.api.AccessTokenRevocation;
import io.lectern.users.api.AccessTokenRevocation.TokenStanding;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The live stream of one server. One listening connection per server ({@code LISTEN
 * lectern_outbox}, woken by a trigger on every outbox insert, whichever server wrote it) and one
 * reader: on each wake-up the outbox is read once from the server's position, and each event is
 * handed to the open streams that want it. A notification is only a wake-up; when the listener is
 * down, the outbox is read every {@code LMS_EVENTS_STREAM_POLL_MILLIS} instead.
 *
 * <p>Opening a stream with a {@code Last-Event-ID} replays that client's missed events from the
 * outbox (at most {@code LMS_EVENTS_STREAM_REPLAY_MAX}, else a {@code reset} event) up to the
 * server's position, under the same lock as the fan-out, so nothing is sent twice or skipped
 * between the replay and the live events.
 */
@ApplicationScoped
public class StreamHub implements PgNotificationListener.Handler {

  static final String CHANNEL = "lectern_outbox";
  private static final Logger LOG = Logger.getLogger(StreamHub.class.getName());
  private static final int BATCH = 500;

  /** While rows wait behind older running transactions, look again this soon. */
  private static final long RECHECK_MILLIS = 100;

  @Resource(lookup = "jdbc/lms")
  DataSource dataSource;

  @Resource ManagedThreadFactory threads;
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService writers;

  @Inject StreamFeed feed;
  @Inject StreamSettings settings;
  @Inject AccessTokenRevocation revocation;
  @Inject Clock clock;

  private final Object lock = new Object();
  private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
  private final Map<UUID, Integer> perUser = new ConcurrentHashMap<>();
  private final AtomicBoolean readScheduled = new AtomicBoolean();
  private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
  private PgNotificationListener listener;
  private volatile boolean started;

  /** This server's position: every event up to it has been handed to the open streams. */
  private StreamPosition position;

  void start(@Observes @Priority(650) SchemaMigrated migrated) {
    if (started) {
      return;
    }
    synchronized (lock) {
      position = feed.head();
    }
    listener =
        new PgNotificationListener(
            dataSource::getConnection,
            List.of(CHANNEL),
            this,
            threads,
            PgNotificationListener.Timing.DEFAULT);
    listener.start();
    long poll = settings.poll().toMillis();
    long keepAlive = settings.keepAlive().toMillis();
    schedules.add(scheduler.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS));
    schedules.add(
        scheduler.scheduleWithFixedDelay(
            this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS));
    started = true;
  }

  /** Opens a stream for {@code caller}, replaying from {@code lastEventId} when given. */
  public void open(
      Caller caller, Audience audience, StreamPosition lastEventId, SseEventSink sink, Sse sse) {
    if (!started) {
      throw LmsException.unavailable(
          "events.stream-starting", "The event stream is starting; try again shortly.", 5);
    }
    EventStream stream = new EventStream(caller, audience, sink, sse, writers);
    reserve(caller.user());
    stream.onClose(() -> release(stream));
    try {
      synchronized (lock) {
        // Catch up first, so that a replay's bound counts everything already readable, not only
        // what the last wake-up happened to read.
        catchUp();
        stream.cursor = position;
        if (lastEventId == null) {
          stream.openedAfter = feed.snapshot();
        } else if (lastEventId.after(position)) {
          // Another server was ahead of this one: wait here until it catches up.
          stream.cursor = lastEventId;
        }
        // The response's headers go out with the first write, so not before the starting point is
        // fixed: a client that has them has every event committed afterwards coming.
        stream.comment("connected");
        if (lastEventId != null && position.after(lastEventId)) {
          replay(stream, lastEventId);
        }
        streams.add(stream);
        // Rows may wait behind an older running transaction; an idle node was not looking out for
        // them, so the reader looks now (and keeps looking while they wait).
        wake(0);
      }
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  private void replay(EventStream stream, StreamPosition from) {
    int max = settings.replayMax();
    List<FeedEvent> missed = feed.between(stream.audience(), from, position, max + 1);
    if (missed.size() > max) {
      stream.control(
          "reset",
          position,
          Json.createObjectBuilder()
              .add("reason", "too-many-missed")
              .add("replayMax", max)
              .build());
      return;
    }
    missed.forEach(stream::send);
  }

  /** Counts the caller's streams against the limits, or refuses the stream. */
  private void reserve(UUID user) {
    synchronized (perUser) {
      if (streams.size() >= settings.maxPerNode()) {
        throw LmsException.unavailable(
            "events.stream-capacity",
            "This server holds as many open event streams as it may; try again later.",
            30);
      }
      int mine = perUser.getOrDefault(user, 0);
      if (mine >= settings.maxPerUser()) {
        throw LmsException.rateLimited(
            "events.too-many-streams",
            "You already have "
                + mine
                + " open event streams on this server; close one (at most "
                + settings.maxPerUser()
                + ").",
            30);
      }
      perUser.put(user, mine + 1);
    }
  }

  private void release(EventStream stream) {
    streams.remove(stream);
    synchronized (perUser) {
      perUser.computeIfPresent(stream.caller().user(), (u, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Open streams on this server (a metric, and for the limits). */
  public int open() {
    return streams.size();
  }

  @Override
  public void onNotification(String channel, String payload) {
    wake(0);
  }

  @Override
  public void onListening() {
    // Notifications may have been missed while the connection was down.
    wake(0);
  }

  @Override
  public void onLost() {
    // The poll takes over until the listener is back.
  }

  private void poll() {
    if (listener == null || !listener.listening()) {
      wake(0);
    }
  }

  /** Coalesces wake-ups: one read runs at a time, and one more is queued behind it at most. */
  private void wake(long delayMillis) {
    if (readScheduled.compareAndSet(false, true)) {
      try {
        scheduler.schedule(this::read, delayMillis, TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        readScheduled.set(false);
      }
    }
  }

  private void read() {
    readScheduled.set(false);
    try {
      boolean more;
      synchronized (lock) {
        if (streams.isEmpty()) {
          // Nobody to hand events to: a write's wake-up costs no query. The next stream to open
          // starts from the head (catchUp).
          return;
        }
        advance();
        more = feed.waiting(position);
      }
      if (more) {
        // Committed rows wait behind an older transaction, or it ended just after the read; no
        // notification says when a transaction that wrote no event ends.
        wake(RECHECK_MILLIS);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Reading the outbox for the event streams failed; retrying", e);
      wake(1000);
    }
  }

  /**
   * Brings this server's position up to date before a stream opens; holds the lock. With streams
   * open it hands out what they missed; with none, nothing was read while idle and nobody is owed
   * anything, so it jumps to the head instead of reading every event since.
   */
  private void catchUp() {
    if (streams.isEmpty()) {
      StreamPosition head = feed.head();
      if (head.after(position)) {
        position = head;
      }
    } else {
      advance();
    }
  }

  /** Reads everything readable after this server's position and hands it out; holds the lock. */
  private void advance() {
    List<FeedEvent> batch;
    do {
      batch = feed.after(position, BATCH);
      for (FeedEvent event : batch) {
        fanOut(event);
        position = event.position();
      }
    } while (batch.size() == BATCH);
  }

  private void fanOut(FeedEvent event) {
    for (EventStream stream : streams) {
      if (stream.isClosed()) {
        stream.close();
      } else if (event.position().after(stream.cursor)
          && stream.audience().wants(event)
          && !stream.predates(event)) {
        stream.send(event);
        stream.cursor = event.position();
      }
    }
  }

  /** Keeps idle connections open through proxies, finds dead ones, and ends revoked ones. */
  private void keepAlive() {
    var now = clock.instant();
    for (EventStream stream : streams) {
      try {
        Caller caller = stream.caller();
        if (stream.isClosed()) {
          stream.close();
        } else if (!now.isBefore(caller.tokenExpires())) {
          stream.end("token-expired");
        } else if (revocation.standing(caller.user(), caller.tokenEpoch()) != TokenStanding.VALID) {
          stream.end("token-revoked");
        } else {
          stream.comment("keep-alive");
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "A keep-alive failed; closing the stream", e);
        stream.close();
      }
    }
  }

  @PreDestroy
  void stop() {
    schedules.forEach(s -> s.cancel(false));
    if (listener != null) {
      listener.close();
    }
    streams.forEach(s -> s.end("server-stopping"));
  }
}
