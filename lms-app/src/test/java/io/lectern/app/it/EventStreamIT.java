package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lectern.app.it.EventSource.Message;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/me/events and /api/v1/courses/{id}/events: Server-Sent Events read with the JDK
 * HttpClient from the real server, while the events are caused through the API.
 */
class EventStreamIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(1500);
  private static final int REPLAY_MAX = Integer.getInteger("lms.test.stream-replay-max", 20);
  private static final Duration IDLE = Duration.ofSeconds(5);

  @Test
  void myStreamCarriesMyEventsOnlyInOrderAndResumesWithExactlyTheMissedOnes() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 3);
    Accounts.Session me = Accounts.student();
    Accounts.Session other = Accounts.student();
    List<UUID> lessons = course.lessons();

    String lastId;
    UUID enrollment;
    try (EventSource stream = EventSource.open("/api/v1/me/events", me.accessToken(), null)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.contentType()).startsWith("text/event-stream");
      Enrolments.enrol(other.accessToken(), course.id());
      enrollment = Enrolments.enrol(me.accessToken(), course.id());
      Enrolments.start(me.accessToken(), enrollment, lessons.get(0)).expect(200);
      Enrolments.complete(me.accessToken(), enrollment, lessons.get(0), 80).expect(200);

      List<Message> got = stream.take(3, WAIT);
      assertThat(got)
          .extracting(Message::event)
          .containsExactly("enrollment.created", "lesson.started", "lesson.completed");
      increasing(got);
      for (Message m : got) {
        JsonNode envelope = m.json();
        assertThat(envelope.path("type").asText()).isEqualTo(m.event());
        assertThat(envelope.path("subject").asText()).isEqualTo("enrollment:" + enrollment);
        assertThat(envelope.path("data").path("studentId").asText()).isEqualTo(me.id().toString());
        assertThat(envelope.path("version").asInt()).isEqualTo(1);
      }
      assertThat(got.get(2).json().path("data").path("score").asInt()).isEqualTo(80);
      assertThat(got.get(2).json().path("actor").asText()).isEqualTo(me.id().toString());
      // The same events, under the same ids, as the history reads them from the outbox.
      JsonNode history =
          Api.get("/api/v1/enrollments/" + enrollment + "/activity", me.accessToken())
              .expect(200)
              .json()
              .path("items");
      List<String> historyIds = new ArrayList<>();
      history.forEach(
          i -> {
            if (!i.path("eventId").isNull()) {
              historyIds.add(i.path("eventId").asText());
            }
          });
      assertThat(got).extracting(m -> m.json().path("id").asText()).isEqualTo(historyIds);
      // The other student's enrolment (written before mine) never arrives.
      assertThat(stream.drain(QUIET)).isEmpty();
      lastId = got.get(2).id();
    }

    // Missed while disconnected: exactly these two come back, then live events follow.
    Enrolments.start(me.accessToken(), enrollment, lessons.get(1)).expect(200);
    Enrolments.complete(me.accessToken(), enrollment, lessons.get(1), null).expect(200);
    Enrolments.enrol(other.accessToken(), Enrolments.course(teacher.accessToken(), 1).id());
    String resumedLast;
    try (EventSource resumed = EventSource.open("/api/v1/me/events", me.accessToken(), lastId)) {
      assertThat(resumed.status()).isEqualTo(200);
      List<Message> missed = resumed.take(2, WAIT);
      assertThat(missed)
          .extracting(Message::event)
          .containsExactly("lesson.started", "lesson.completed");
      assertThat(missed.get(0).json().path("data").path("lessonId").asText())
          .isEqualTo(lessons.get(1).toString());
      increasing(List.of(new Message(lastId, null, null), missed.get(0), missed.get(1)));
      assertThat(resumed.drain(QUIET)).isEmpty();

      Enrolments.complete(me.accessToken(), enrollment, lessons.get(2), null).expect(200);
      List<Message> live = resumed.take(2, WAIT);
      assertThat(live)
          .extracting(Message::event)
          .containsExactly("lesson.started", "lesson.completed");
      increasing(List.of(missed.get(1), live.get(0), live.get(1)));
      resumedLast = missed.get(1).id();
    }

    // The query parameter does the same for clients that cannot set the header.
    try (EventSource polyfill =
        EventSource.open("/api/v1/me/events?lastEventId=" + resumedLast, me.accessToken(), null)) {
      assertThat(polyfill.take(2, WAIT))
          .extracting(Message::event)
          .containsExactly("lesson.started", "lesson.completed");
      // Completing the last lesson completed the course as well (a certificate may follow).
      List<Message> rest = polyfill.drain(QUIET);
      assertThat(rest).extracting(Message::event).contains("enrollment.completed");
      assertThat(rest)
          .extracting(Message::event)
          .isSubsetOf("enrollment.completed", "certificate.issued");
    }
  }

  /**
   * A transaction older than the learner's sign-up holds the outbox's readable horizon back while
   * the stream opens, so the sign-up's event sorts after the stream's start position: it still
   * happened before the stream and must not be sent on it.
   */
  @Test
  void anEventCommittedBeforeTheStreamOpenedIsNotSentWhenAnOlderTransactionHeldItBack()
      throws SQLException {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 1);
    Accounts.Session me;
    long held;
    try (Connection older = Db.connect()) {
      older.setAutoCommit(false);
      try (Statement s = older.createStatement();
          ResultSet xid = s.executeQuery("SELECT CAST(pg_current_xact_id() AS text)")) {
        xid.next();
        held = Long.parseLong(xid.getString(1));
      }
      me = Accounts.student();
      try (EventSource stream = EventSource.open("/api/v1/me/events", me.accessToken(), null)) {
        assertThat(stream.status()).isEqualTo(200);
        older.rollback();
        Enrolments.enrol(me.accessToken(), course.id());
        assertThat(stream.take(1, WAIT))
            .extracting(Message::event)
            .containsExactly("enrollment.created");
        assertThat(stream.drain(QUIET)).isEmpty();
      }
    }
    // The sign-up's event is in the outbox, written after the held transaction began.
    assertThat(
            Db.count(
                "SELECT count(*) FROM events.outbox WHERE type = 'user.created'"
                    + " AND audience_user = ? AND CAST(CAST(tx AS text) AS bigint) > ?",
                me.id(),
                held))
        .isEqualTo(1);
  }

  /**
   * The missed events of a resumed stream may still be held back by an older transaction when it
   * opens: the replay cannot include them, and they arrive as soon as that transaction ends.
   */
  @Test
  void aResumedStreamGetsAMissedEventThatAnOlderTransactionHeldBack() throws SQLException {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    Accounts.Session me = Accounts.student();
    UUID enrollment = Enrolments.enrol(me.accessToken(), course.id());
    String lastId = startSeenLive(me, enrollment, course.lessons().get(0));
    // The server drops a closed stream at its next keep-alive (every 2 s in the tests, see the
    // pom); then no stream is open on it and its reader is idle, the case under test.
    Certificates.sleep(IDLE.toMillis());
    try (Connection older = Db.connect()) {
      older.setAutoCommit(false);
      try (Statement s = older.createStatement()) {
        s.execute("SELECT pg_current_xact_id()");
      }
      Enrolments.complete(me.accessToken(), enrollment, course.lessons().get(0), 60).expect(200);
      try (EventSource resumed = EventSource.open("/api/v1/me/events", me.accessToken(), lastId)) {
        assertThat(resumed.status()).isEqualTo(200);
        older.rollback();
        Message completed = resumed.take(1, WAIT).get(0);
        assertThat(completed.event()).isEqualTo("lesson.completed");
        assertThat(completed.json().path("data").path("score").asInt()).isEqualTo(60);
        assertThat(resumed.drain(QUIET)).isEmpty();
      }
    }
  }

  @Test
  void aCourseStreamIsForItsInstructorAndAdminsAndCarriesThatCourseOnly() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), 2);
    Enrolments.CourseWithLessons elsewhere =
        Enrolments.course(Accounts.withRole("instructor").accessToken(), 1);
    Accounts.Session student = Accounts.student();
    String path = "/api/v1/courses/" + course.id() + "/events";

    try (EventSource mine = EventSource.open(path, teacher.accessToken(), null);
        EventSource admin = EventSource.open(path, Accounts.admin().accessToken(), null)) {
      assertThat(mine.status()).isEqualTo(200);
      assertThat(admin.status()).isEqualTo(200);
      Enrolments.enrol(student.accessToken(), elsewhere.id());
      UUID enrollment = Enrolments.enrol(student.accessToken(), course.id());
      Enrolments.start(student.accessToken(), enrollment, course.lessons().get(0)).expect(200);
      Enrolments.complete(student.accessToken(), enrollment, course.lessons().get(0), 55)
          .expect(200);

      for (EventSource stream : List.of(mine, admin)) {
        List<Message> got = stream.take(2, WAIT);
        // Enrolments and completions; lesson starts are the learner's own business.
        assertThat(got)
            .extracting(Message::event)
            .containsExactly("enrollment.created", "lesson.completed");
        assertThat(got)
            .allSatisfy(
                m ->
                    assertThat(m.json().path("data").path("courseId").asText())
                        .isEqualTo(course.id().toString()));
        assertThat(stream.drain(QUIET)).isEmpty();
      }
    }

    refused(path, student.accessToken(), 403, "auth.forbidden");
    refused(path, Accounts.withRole("instructor").accessToken(), 403, "events.forbidden");
    refused(
        "/api/v1/courses/" + UUID.randomUUID() + "/events",
        teacher.accessToken(),
        404,
        "courses.not-found");
    refused(path, null, 401, "auth.required");
    refused("/api/v1/me/events", null, 401, "auth.required");
    try (EventSource bad =
        EventSource.open("/api/v1/me/events", student.accessToken(), "not-an-id")) {
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.problem().path("code").asText()).isEqualTo("events.bad-last-event-id");
    }
  }

  @Test
  void aClientThatMissedTooMuchIsToldToResetThenFollowsLive() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    int lessons = REPLAY_MAX / 2 + 2;
    Enrolments.CourseWithLessons course = Enrolments.course(teacher.accessToken(), lessons);
    Accounts.Session me = Accounts.student();
    UUID enrollment = Enrolments.enrol(me.accessToken(), course.id());
    String first = startSeenLive(me, enrollment, course.lessons().get(0));
    // All lessons but the last completed while away: more events than one replay may carry.
    for (UUID lesson : course.lessons().subList(0, lessons - 1)) {
      Enrolments.complete(me.accessToken(), enrollment, lesson, null).expect(200);
    }
    int missed = 1 + 2 * (lessons - 2);
    assertThat(missed).isGreaterThan(REPLAY_MAX);
    try (EventSource resumed = EventSource.open("/api/v1/me/events", me.accessToken(), first)) {
      Message reset = resumed.take(1, WAIT).get(0);
      assertThat(reset.event()).isEqualTo("reset");
      assertThat(reset.json().path("reason").asText()).isEqualTo("too-many-missed");
      assertThat(reset.json().path("replayMax").asInt()).isEqualTo(REPLAY_MAX);
      assertThat(resumed.drain(QUIET)).isEmpty();
      Enrolments.start(me.accessToken(), enrollment, course.lessons().get(lessons - 1)).expect(200);
      Message live = resumed.take(1, WAIT).get(0);
      assertThat(live.event()).isEqualTo("lesson.started");
      increasing(List.of(reset, live));
    }
  }

  @Test
  void streamsPerUserAreBoundedAndARevokedTokenEndsItsStream() {
    Accounts.Session me = Accounts.student();
    int limit = Integer.getInteger("lms.test.stream-max-per-user", 5);
    List<EventSource> open = new ArrayList<>();
    try {
      for (int i = 0; i < limit; i++) {
        EventSource stream = EventSource.open("/api/v1/me/events", me.accessToken(), null);
        assertThat(stream.status()).isEqualTo(200);
        open.add(stream);
      }
      try (EventSource refused = EventSource.open("/api/v1/me/events", me.accessToken(), null)) {
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problem().path("code").asText()).isEqualTo("events.too-many-streams");
        assertThat(refused.header("Retry-After")).isNotBlank();
      }
      // Signing out everywhere revokes the token: each open stream says so and closes.
      Api.post("/api/v1/auth/logout-all", null, me.accessToken()).expect(204);
      for (EventSource stream : open) {
        Message end = stream.next(WAIT);
        assertThat(end).isNotNull();
        assertThat(end.event()).isEqualTo("end");
        assertThat(end.json().path("reason").asText()).isEqualTo("token-revoked");
        assertThat(stream.next(WAIT)).isNull();
        assertThat(stream.ended()).isTrue();
      }
      refused("/api/v1/me/events", me.accessToken(), 401, "auth.token-revoked");
      // The ended streams no longer count: a fresh sign-in may open the full number again.
      Accounts.Session again = Accounts.login(me.email(), Accounts.PASSWORD);
      try (EventSource stream = EventSource.open("/api/v1/me/events", again.accessToken(), null)) {
        assertThat(stream.status()).isEqualTo(200);
      }
    } finally {
      open.forEach(EventSource::close);
    }
  }

  private static void refused(String path, String token, int status, String code) {
    try (EventSource stream = EventSource.open(path, token, null)) {
      assertThat(stream.status()).as(path).isEqualTo(status);
      assertThat(stream.contentType()).startsWith("application/problem+json");
      assertThat(stream.problem().path("code").asText()).isEqualTo(code);
    }
  }

  /** SSE ids are {@code <transaction>-<sequence>}, ordered by both. */
  private static void increasing(List<Message> messages) {
    for (int i = 1; i < messages.size(); i++) {
      long[] a = position(messages.get(i - 1).id());
      long[] b = position(messages.get(i).id());
      assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]))
          .as("%s before %s", messages.get(i - 1).id(), messages.get(i).id())
          .isTrue();
    }
  }

  /** Starts a lesson while the learner's stream is open; the id of the event that arrives. */
  private static String startSeenLive(Accounts.Session me, UUID enrollment, UUID lesson) {
    try (EventSource stream = EventSource.open("/api/v1/me/events", me.accessToken(), null)) {
      Enrolments.start(me.accessToken(), enrollment, lesson).expect(200);
      return stream.take(1, WAIT).get(0).id();
    }
  }

  private static long[] position(String id) {
    String[] parts = id.split("-");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }
}
