package io.lectern.events.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.enrollment.api.WatchSessionView;
import io.lectern.enrollment.api.WatchSessions;
import io.lectern.events.internal.EventLog.LoggedEvent;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An enrolment's history: the outbox's enrolment, lesson, quiz and completion events, and the watch
 * sessions the enrolment module summarises from heartbeats (heartbeats are not events), for its
 * student, the course's instructor and admins, like the enrolment itself.
 */
@ApplicationScoped
public class EnrollmentActivity {

  @Inject Enrollments enrollments;
  @Inject CourseCatalog catalog;
  @Inject CurrentUser currentUser;
  @Inject EventLog log;
  @Inject WatchSessions sessions;

  /** One line of the history: an outbox event, or a watch session (heartbeats summarised). */
  public record Entry(LoggedEvent event, WatchSessionView session) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Entry> of(UUID enrollmentId, PageRequest paging) {
    EnrollmentView enrollment =
        enrollments
            .find(enrollmentId)
            .orElseThrow(
                () -> LmsException.notFound("enrollment.not-found", "No enrolment has this id."));
    UUID me = currentUser.id();
    boolean allowed =
        currentUser.isAdmin()
            || me.equals(enrollment.studentId())
            || catalog
                .findCourse(enrollment.courseId())
                .map(c -> me.equals(c.instructorId()))
                .orElse(false);
    if (!allowed) {
      throw LmsException.forbidden(
          "enrollment.forbidden",
          "Only the enrolled student, the course's instructor and admins may see this enrolment.");
    }
    return merged("enrollment:" + enrollmentId, enrollmentId, paging);
  }

  /**
   * Events (in outbox order) and sessions (by start) merged by time, an event first on a tie. The
   * two live in different modules' schemas, so the page is cut here: both lists are read up to the
   * page's end, which bounds the work by the page asked for, not by the history's length.
   */
  private Page<Entry> merged(String subject, UUID enrollmentId, PageRequest paging) {
    long total = log.count(subject) + sessions.count(enrollmentId);
    if (paging.offset() >= total) {
      return Page.of(List.of(), paging, total);
    }
    int upTo = (int) Math.min(total, (long) paging.offset() + paging.size());
    List<LoggedEvent> events = log.first(subject, upTo);
    List<WatchSessionView> watched = sessions.first(enrollmentId, upTo);
    List<Entry> all = new ArrayList<>(upTo);
    int e = 0;
    int w = 0;
    while (all.size() < upTo && (e < events.size() || w < watched.size())) {
      boolean takeEvent =
          w >= watched.size()
              || (e < events.size()
                  && !events.get(e).occurredAt().isAfter(watched.get(w).startedAt()));
      all.add(takeEvent ? new Entry(events.get(e++), null) : new Entry(null, watched.get(w++)));
    }
    return Page.of(all.subList(Math.min(paging.offset(), all.size()), all.size()), paging, total);
  }
}
