package io.lectern.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ReplicaRoutingTest {

  private static final String PRIMARY = "jdbc:postgresql://db1:5432/lms";

  @Test
  void aReplicaIsConfiguredOnlyWhenItNamesAnotherDatabase() {
    assertThat(ReplicaRouting.configured(null, PRIMARY)).isFalse();
    assertThat(ReplicaRouting.configured(" ", PRIMARY)).isFalse();
    assertThat(ReplicaRouting.configured("${lms.db.url}", PRIMARY)).isFalse();
    assertThat(ReplicaRouting.configured(PRIMARY + " ", PRIMARY)).isFalse();
    assertThat(ReplicaRouting.configured("jdbc:postgresql://db2:5432/lms", PRIMARY)).isTrue();
    assertThat(ReplicaRouting.configured("jdbc:postgresql://db2:5432/lms", null)).isTrue();
  }

  @Test
  void onlyEligibleReadsOutsideARoutedReadGoToTheReplica() {
    assertThat(ReplicaRouting.useReplica(true, true, false)).isTrue();
    assertThat(ReplicaRouting.useReplica(false, true, false)).isFalse();
    assertThat(ReplicaRouting.useReplica(true, false, false)).isFalse();
    assertThat(ReplicaRouting.useReplica(true, true, true)).isFalse();
  }

  @Test
  void connectionFailuresAndRecoveryConflictsMakeTheReplicaUnavailable() {
    assertThat(
            ReplicaRouting.isReplicaUnavailable(
                new PersistenceException(
                    "could not prepare", new SQLException("Connection refused", "08001"))))
        .isTrue();
    assertThat(
            ReplicaRouting.isReplicaUnavailable(
                new RuntimeException(new SQLTransientConnectionException("pool exhausted"))))
        .isTrue();
    assertThat(
            ReplicaRouting.isReplicaUnavailable(
                new PersistenceException(
                    new SQLException("terminating connection due to administrator", "57P01"))))
        .isTrue();
    assertThat(
            ReplicaRouting.isReplicaUnavailable(
                new PersistenceException(
                    new SQLException(
                        "canceling statement due to conflict with recovery", "40001"))))
        .isTrue();
  }

  @Test
  void wrongQueriesAreNotHiddenByAFallback() {
    assertThat(
            ReplicaRouting.isReplicaUnavailable(
                new PersistenceException(
                    new SQLException("syntax error at or near \"SELEC\"", "42601"))))
        .isFalse();
    assertThat(ReplicaRouting.isReplicaUnavailable(new IllegalStateException("no cause")))
        .isFalse();
  }

  @Test
  void theRootMessageNamesTheUnderlyingFailure() {
    assertThat(
            ReplicaRouting.rootMessage(
                new PersistenceException(new SQLException("Connection refused", "08001"))))
        .isEqualTo("SQLException: Connection refused");
  }
}
