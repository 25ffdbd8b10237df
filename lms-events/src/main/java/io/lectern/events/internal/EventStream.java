package io.lectern.events.internal;

import io.lectern.events.internal.StreamFeed.Audience;
import io.lectern.events.internal.StreamFeed.FeedEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's open stream. Events are queued and written by a task of the managed executor, so the
 * thread that fans events out never waits on a slow client, and an idle stream holds no thread at
 * all (the sink lives on the servlet's async context). A client that falls more than {@link
 * #MAX_QUEUED} events behind is cut off; it resumes with {@code Last-Event-ID}.
 */
public final class EventStream {

  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

  static final int MAX_QUEUED = 1000;
  private static final long WRITE_TIMEOUT_SECONDS = 30;

  /** Who opened the stream, and what their token allows (checked again at every keep-alive). */
  public record Caller(UUID user, long tokenEpoch, Instant tokenExpires) {}

  private final Caller caller;
  private final Audience audience;
  private final SseEventSink sink;
  private final Sse sse;
  private final ExecutorService writers;
  private final Queue<OutboundSseEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Runnable onClose = () -> {};

  /** The last position this stream has been given (guarded by the hub's lock). */
  StreamPosition cursor;

  /**
   * For a stream opened without {@code Last-Event-ID}: what had committed when it opened, which it
   * does not carry even if it becomes readable later (null: a resumed stream, which follows its
   * cursor only).
   */
  StreamSnapshot openedAfter;

  EventStream(
      Caller caller, Audience audience, SseEventSink sink, Sse sse, ExecutorService writers) {
    this.caller = caller;
    this.audience = audience;
    this.sink = sink;
    this.sse = sse;
    this.writers = writers;
  }

  /** Whether {@code event} was committed before this stream opened. */
  boolean predates(FeedEvent event) {
    return openedAfter != null && openedAfter.finished(event.position().tx());
  }

  Caller caller() {
    return caller;
  }

  Audience audience() {
    return audience;
  }

  void onClose(Runnable action) {
    this.onClose = action;
  }

  boolean isClosed() {
    return closed.get() || sink.isClosed();
  }

  /** The event under the position it had in the outbox; data is the webhook envelope. */
  void send(FeedEvent e) {
    enqueue(
        sse.newEventBuilder()
            .id(e.position().toString())
            .name(e.type())
            .mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(String.class, Envelope.of(e))
            .build());
  }

  /** A control event the README documents ({@code reset}, {@code end}). */
  void control(String name, StreamPosition position, JsonObject data) {
    var builder = sse.newEventBuilder().name(name).data(String.class, data.toString());
    if (position != null) {
      builder.id(position.toString());
    }
    enqueue(builder.build());
  }

  void comment(String text) {
    enqueue(sse.newEventBuilder().comment(text).build());
  }

  /** Says why, then closes. */
  void end(String reason) {
    control("end", null, Json.createObjectBuilder().add("reason", reason).build());
    enqueue(null);
  }

  private void enqueue(OutboundSseEvent event) {
    if (closed.get()) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      LOG.fine("A stream client fell too far behind; closing its stream");
      close();
      return;
    }
    // null marks "close once everything before it is written".
    queue.add(event == null ? CLOSE : event);
    if (writing.compareAndSet(false, true)) {
      try {
        writers.execute(this::drain);
      } catch (RuntimeException e) {
        writing.set(false);
        close();
      }
    }
  }

  private static final OutboundSseEvent CLOSE = new CloseMarker();

  private void drain() {
    try {
      while (true) {
        OutboundSseEvent next = queue.poll();
        if (next == null) {
          writing.set(false);
          // An event queued between poll and set would otherwise wait for the next one.
          if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
          }
          continue;
        }
        queued.decrementAndGet();
        if (next == CLOSE) {
          close();
          return;
        }
        if (closed.get() || sink.isClosed()) {
          close();
          return;
        }
        sink.send(next).toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    } catch (Exception e) {
      // The client went away (or stalled for the write timeout): nothing to report.
      LOG.log(Level.FINE, "A stream write failed; closing it", e);
      writing.set(false);
      close();
    }
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      queue.clear();
      try {
        sink.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Closing a stream failed", e);
      }
      onClose.run();
    }
  }

  /** Marks the end of a stream in its queue; never written. */
  private static final class CloseMarker implements OutboundSseEvent {
    @Override
    public Class<?> getType() {
      return Void.class;
    }

    @Override
    public java.lang.reflect.Type getGenericType() {
      return Void.class;
    }

    @Override
    public MediaType getMediaType() {
      return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public Object getData() {
      return null;
    }

    @Override
    public String getId() {
      return null;
    }

    @Override
    public String getName() {
      return null;
    }

    @Override
    public String getComment() {
      return null;
    }

    @Override
    public long getReconnectDelay() {
      return -1;
    }

    @Override
    public boolean isReconnectDelaySet() {
      return false;
    }
  }
}
