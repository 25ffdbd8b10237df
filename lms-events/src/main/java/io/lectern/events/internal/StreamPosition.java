package io.lectern.events.internal;

import io.lectern.shared.error.LmsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in the live stream: the id of the transaction that wrote an outbox row, then the row's
 * sequence. Ordered by both; rendered as {@code <tx>-<sequence>}, the SSE {@code id} a client sends
 * back as {@code Last-Event-ID}. The transaction comes first because rows become readable in commit
 * order only per transaction horizon, not per sequence (see {@link StreamFeed}).
 */
public record StreamPosition(long tx, long sequence) implements Comparable<StreamPosition> {

  public static final StreamPosition ORIGIN = new StreamPosition(0, 0);

  private static final Pattern FORM = Pattern.compile("(\\d{1,18})-(\\d{1,18})");

  /** Parses a client's Last-Event-ID; anything else is a 400. */
  public static StreamPosition parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw LmsException.invalidField(
          "events.bad-last-event-id",
          "Last-Event-ID",
          "must be an id this stream sent: <transaction>-<sequence>, digits only");
    }
    return new StreamPosition(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  @Override
  public int compareTo(StreamPosition other) {
    int byTx = Long.compare(tx, other.tx);
    return byTx != 0 ? byTx : Long.compare(sequence, other.sequence);
  }

  public boolean after(StreamPosition other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return tx + "-" + sequence;
  }
}
