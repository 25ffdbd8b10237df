package io.lectern.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DatabaseStatsTest {

  @Test
  void cacheHitRatioIsHitsOverAllBlockRequests() {
    assertThat(new DatabaseStats(1, 990, 10).cacheHitRatio()).isCloseTo(0.99, within(1e-12));
    assertThat(new DatabaseStats(1, 0, 25).cacheHitRatio()).isZero();
    assertThat(new DatabaseStats(1, 25, 0).cacheHitRatio()).isEqualTo(1.0);
  }

  @Test
  void cacheHitRatioIsUndefinedBeforeAnyBlockIsRequested() {
    assertThat(new DatabaseStats(1, 0, 0).cacheHitRatio()).isNaN();
  }

  @Test
  void hugeCountersDoNotOverflow() {
    assertThat(new DatabaseStats(1, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2).cacheHitRatio())
        .isCloseTo(0.5, within(1e-9));
  }

  @Test
  void theQueryReadsTheCurrentDatabaseOnly() {
    assertThat(DatabaseStats.QUERY)
        .contains("pg_database_size(d.oid)")
        .contains("pg_stat_database")
        .contains("current_database()");
    assertThat(DatabaseStats.QUERY_TIMEOUT_SECONDS).isEqualTo(2);
  }
}
