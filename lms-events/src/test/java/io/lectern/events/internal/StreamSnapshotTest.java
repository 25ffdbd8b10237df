package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamSnapshotTest {

  @Test
  void transactionsBelowTheHorizonAndNotRunningHadFinished() {
    StreamSnapshot s = StreamSnapshot.parse("100:120:100,115");

    assertThat(s.finished(99)).isTrue();
    assertThat(s.finished(100)).isFalse();
    assertThat(s.finished(101)).isTrue();
    assertThat(s.finished(114)).isTrue();
    assertThat(s.finished(115)).isFalse();
    assertThat(s.finished(119)).isTrue();
    assertThat(s.finished(120)).isFalse();
    assertThat(s.finished(500)).isFalse();
  }

  @Test
  void aSnapshotWithNothingRunningHasAFinishedPastOnly() {
    StreamSnapshot s = StreamSnapshot.parse("42:42:");

    assertThat(s.running()).isEmpty();
    assertThat(s.finished(41)).isTrue();
    assertThat(s.finished(42)).isFalse();
  }

  @Test
  void anythingElseIsRefused() {
    assertThatThrownBy(() -> StreamSnapshot.parse("42:42"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StreamSnapshot.parse("a:b:c"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
