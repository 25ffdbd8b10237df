package io.lectern.events.web;

import io.lectern.events.internal.EventStream.Caller;
import io.lectern.events.internal.StreamFeed.Audience;
import io.lectern.events.internal.StreamHub;
import io.lectern.events.internal.StreamPosition;
import io.lectern.shared.security.CurrentUser;
import io.lectern.users.api.AccessTokenRevocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What both live streams share (README: "Live event stream"): each message carries the outbox
 * position as {@code id}, the event type as {@code event} and the webhook envelope as {@code data};
 * a client that reconnects with {@code Last-Event-ID} (or {@code lastEventId}) gets what it missed.
 */
@ApplicationScoped
public class StreamRequests {

  static final String DESCRIPTION =
      " Each message: `id` the outbox position (`<transaction>-<sequence>`, increasing), `event`"
          + " the event type, `data` the webhook envelope. Send the last id back as"
          + " `Last-Event-ID` (or `lastEventId`) to replay what was missed (at most"
          + " `LMS_EVENTS_STREAM_REPLAY_MAX` events, else a `reset` event), then live events"
          + " follow. Comment keep-alives every `LMS_EVENTS_STREAM_KEEPALIVE_SECONDS`; an `end`"
          + " event closes the stream when the token expires or is revoked.";

  @Inject StreamHub hub;
  @Inject CurrentUser currentUser;

  void open(
      SecurityContext security,
      Audience audience,
      String header,
      String query,
      SseEventSink sink,
      Sse sse) {
    String given = header != null && !header.isBlank() ? header : query;
    StreamPosition from = given == null || given.isBlank() ? null : StreamPosition.parse(given);
    hub.open(caller(security), audience, from, sink, sse);
  }

  /** The caller with what their token says about its own life: epoch and expiry. */
  private Caller caller(SecurityContext security) {
    UUID user = currentUser.id();
    if (!(security.getUserPrincipal() instanceof JsonWebToken token)) {
      throw CurrentUser.anonymous();
    }
    return new Caller(
        user,
        epoch(token.getClaim(AccessTokenRevocation.EPOCH_CLAIM)),
        Instant.ofEpochSecond(token.getExpirationTime()));
  }

  private static long epoch(Object claim) {
    if (claim instanceof Number n) {
      return n.longValue();
    }
    if (claim instanceof JsonNumber n) {
      return n.longValue();
    }
    String text = claim instanceof JsonString s ? s.getString() : String.valueOf(claim);
    try {
      return Long.parseLong(text.replace("\"", "").trim());
    } catch (NumberFormatException e) {
      // As the access filter: a missing or malformed epoch counts as the oldest one.
      return 0;
    }
  }
}
