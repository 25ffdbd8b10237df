package io.lectern.users.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The shared request counters in {@code users.rate_limit_counters}: one row per limit class and
 * caller, bumped by one statement per request. The data source is the non-transactional {@code
 * jdbc/lmsCounters} (autocommit, outside any request transaction), so a count is visible to every
 * node at once and survives the rollback of the request it counted.
 */
@ApplicationScoped
public class LimitCounters {

  /**
   * The window a node computes from its own clock: a newer window restarts the count, an older one
   * (a node whose clock lags) counts into the newer window already stored, so nodes never reset
   * each other's counts backwards.
   */
  private static final String HIT =
      """
      INSERT INTO users.rate_limit_counters AS c (limit_key, window_start, hits)
      VALUES (?, ?, 1)
      ON CONFLICT (limit_key) DO UPDATE
         SET hits = CASE WHEN excluded.window_start > c.window_start THEN 1 ELSE c.hits + 1 END,
             window_start = GREATEST(c.window_start, excluded.window_start)
      RETURNING hits, window_start
      """;

  private static final String DELETE_ENDED =
      """
      DELETE FROM users.rate_limit_counters
       WHERE window_start < ?
      """;

  /** A counter after one hit: the count of its window and when that window started. */
  record Count(long hits, Instant windowStart) {}

  @Resource(lookup = "jdbc/lmsCounters")
  DataSource dataSource;

  protected LimitCounters() {}

  LimitCounters(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Count hit(String key, Instant windowStart) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(HIT)) {
      statement.setString(1, key);
      statement.setObject(2, utc(windowStart));
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new Count(
            row.getLong("hits"), row.getObject("window_start", OffsetDateTime.class).toInstant());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count a request for its rate limit", e);
    }
  }

  /** Forgets counters whose window started before {@code before}; returns how many. */
  int deleteStartedBefore(Instant before) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(DELETE_ENDED)) {
      statement.setObject(1, utc(before));
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not delete ended rate-limit windows", e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
