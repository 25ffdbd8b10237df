package io.lectern.app.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Size and buffer cache statistics of the current database, as PostgreSQL counts them: {@code
 * blocksHit} blocks found in shared buffers, {@code blocksRead} read from the operating system,
 * both since the statistics were last reset.
 */
record DatabaseStats(long sizeBytes, long blocksHit, long blocksRead) {

  /** One short query; pg_database_size walks the database's files, so it is bounded in time. */
  static final String QUERY =
      """
      select pg_database_size(d.oid) as size_bytes,
             coalesce(s.blks_hit, 0) as blks_hit,
             coalesce(s.blks_read, 0) as blks_read
        from pg_database d
        left join pg_stat_database s on s.datid = d.oid
       where d.datname = current_database()
      """;

  /** Seconds the query may run before the driver cancels it. */
  static final int QUERY_TIMEOUT_SECONDS = 2;

  /** Share of block requests served from shared buffers; NaN while there were none. */
  double cacheHitRatio() {
    long total = blocksHit + blocksRead;
    return total <= 0 ? Double.NaN : (double) blocksHit / total;
  }

  /**
   * Runs the query on a connection borrowed for that one statement (auto-commit, as the pool hands
   * it out) and given back at once.
   */
  static DatabaseStats query(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(QUERY)) {
      statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("the current database is not in pg_database");
        }
        return new DatabaseStats(
            row.getLong("size_bytes"), row.getLong("blks_hit"), row.getLong("blks_read"));
      }
    }
  }
}
