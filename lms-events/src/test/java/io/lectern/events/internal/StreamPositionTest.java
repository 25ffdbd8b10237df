package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.events.internal.StreamFeed.Audience;
import io.lectern.events.internal.StreamFeed.FeedEvent;
import io.lectern.shared.error.LmsException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamPositionTest {

  @Test
  void positionsOrderByTransactionThenSequenceAndRoundTrip() {
    StreamPosition a = StreamPosition.parse("100-7");
    StreamPosition b = StreamPosition.parse(" 101-3 ");
    assertThat(b.after(a)).isTrue();
    assertThat(a.after(b)).isFalse();
    assertThat(new StreamPosition(100, 8).after(a)).isTrue();
    assertThat(a.after(a)).isFalse();
    assertThat(StreamPosition.parse(a.toString())).isEqualTo(a);
  }

  @Test
  void anythingButTwoNumbersIsABadRequest() {
    for (String bad :
        new String[] {"", "7", "1-2-3", "-1-2", "a-1", "1-", "1234567890123456789-1", "1 - 2"}) {
      assertThatThrownBy(() -> StreamPosition.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              LmsException.class,
              e -> {
                assertThat(e.code()).isEqualTo("events.bad-last-event-id");
                assertThat(e.violations().get(0).field()).isEqualTo("Last-Event-ID");
              });
    }
  }

  @Test
  void aUserStreamWantsTheUsersEventsACourseStreamItsProgressOnly() {
    UUID student = UUID.randomUUID();
    UUID course = UUID.randomUUID();
    assertThat(Audience.ofUser(student).wants(event("lesson.started", student, course))).isTrue();
    assertThat(Audience.ofUser(student).wants(event("lesson.started", UUID.randomUUID(), course)))
        .isFalse();
    assertThat(Audience.ofCourse(course).wants(event("lesson.completed", student, course)))
        .isTrue();
    assertThat(Audience.ofCourse(course).wants(event("lesson.started", student, course))).isFalse();
    assertThat(Audience.ofCourse(course).wants(event("enrollment.created", student, null)))
        .isFalse();
    assertThat(Audience.ofUser(student).wants(event("webhook.test", student, null))).isFalse();
  }

  private static FeedEvent event(String type, UUID user, UUID course) {
    return new FeedEvent(
        new StreamPosition(1, 1),
        UUID.randomUUID(),
        type,
        1,
        Instant.now(),
        "enrollment:x",
        null,
        1,
        "{}",
        user,
        course);
  }
}
