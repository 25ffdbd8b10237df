package io.lectern.events.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which transactions had committed when a stream opened: PostgreSQL's {@code pg_current_snapshot()}
 * ({@code xmin:xmax:running,...}). The stream's start position is the last readable row, but a
 * transaction that committed before the stream opened may still sort after it, held back by an
 * older transaction that was running (see {@link StreamFeed}); such an event happened before the
 * stream and is not sent on it.
 */
record StreamSnapshot(long xmin, long xmax, Set<Long> running) {

  private static final Pattern FORM = Pattern.compile("(\\d+):(\\d+):([\\d,]*)");

  static StreamSnapshot parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a transaction snapshot: " + text);
    }
    Set<Long> running =
        m.group(3).isEmpty()
            ? Set.of()
            : Arrays.stream(m.group(3).split(",")).map(Long::valueOf).collect(Collectors.toSet());
    return new StreamSnapshot(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), running);
  }

  /** Whether transaction {@code tx} had finished when the snapshot was taken. */
  boolean finished(long tx) {
    return tx < xmin || (tx < xmax && !running.contains(tx));
  }
}
