package io.lectern.enrollment.api;

import java.util.List;
import java.util.UUID;

/** An enrolment's heartbeats summarised per watch session, for its history. No access check. */
public interface WatchSessions {

  /** The first {@code limit} sessions of the enrolment, oldest first. */
  List<WatchSessionView> first(UUID enrollmentId, int limit);

  long count(UUID enrollmentId);
}
