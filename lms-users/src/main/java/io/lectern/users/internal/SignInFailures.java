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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Failed sign-ins in {@code users.sign_in_failures}, one row per failure and subject (an account or
 * an address), shared by every node. Written through the non-transactional {@code
 * jdbc/lmsCounters}: the failed sign-in's own transaction rolls back, the failure must stay.
 */
@ApplicationScoped
public class SignInFailures {

  private static final String RECORD =
      """
      INSERT INTO users.sign_in_failures (subject, failed_at)
      VALUES (?, ?), (?, ?)
      """;

  /**
   * The n-th most recent failure of the subject since the cutoff: once n failures are in the
   * window, the subject is free again when that one leaves it.
   */
  private static final String NTH_LATEST =
      """
      SELECT failed_at
        FROM users.sign_in_failures
       WHERE subject = ? AND failed_at > ?
       ORDER BY failed_at DESC
      OFFSET ? LIMIT 1
      """;

  private static final String FORGET =
      """
      DELETE FROM users.sign_in_failures
       WHERE subject = ?
      """;

  private static final String DELETE_OLDER =
      """
      DELETE FROM users.sign_in_failures
       WHERE failed_at <= ?
      """;

  @Resource(lookup = "jdbc/lmsCounters")
  DataSource dataSource;

  protected SignInFailures() {}

  SignInFailures(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void record(String accountSubject, String addressSubject, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(RECORD)) {
      statement.setString(1, accountSubject);
      statement.setObject(2, utc(at));
      statement.setString(3, addressSubject);
      statement.setObject(4, utc(at));
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record a failed sign-in", e);
    }
  }

  /** The {@code n}-th most recent failure after {@code cutoff}, if there are that many. */
  Optional<Instant> nthLatest(String subject, int n, Instant cutoff) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(NTH_LATEST)) {
      statement.setString(1, subject);
      statement.setObject(2, utc(cutoff));
      statement.setInt(3, n - 1);
      try (ResultSet row = statement.executeQuery()) {
        return row.next()
            ? Optional.of(row.getObject("failed_at", OffsetDateTime.class).toInstant())
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read failed sign-ins", e);
    }
  }

  void forget(String subject) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(FORGET)) {
      statement.setString(1, subject);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not clear failed sign-ins", e);
    }
  }

  /** Deletes failures at or before the cutoff; returns how many. */
  int deleteUpTo(Instant cutoff) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(DELETE_OLDER)) {
      statement.setObject(1, utc(cutoff));
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not delete old failed sign-ins", e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
