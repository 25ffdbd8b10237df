package io.lectern.enrollment.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A run of heartbeats on one lesson with no gap longer than the configured threshold: when the
 * watching began (the first heartbeat's time less the seconds it reported), when the last heartbeat
 * came, how many there were and the seconds that counted.
 */
public record WatchSessionView(
    UUID lessonId, Instant startedAt, Instant endedAt, int heartbeats, int secondsWatched) {}
