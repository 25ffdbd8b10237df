package io.lectern.users.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for the tests of the shared counters, started once per test JVM, with this
 * module's rate-limit changeset applied as Liquibase would (its SQL file, run as it is).
 */
final class TestDatabase {

  private static DataSource dataSource;

  private TestDatabase() {}

  static synchronized DataSource get() {
    if (dataSource == null) {
      try {
        EmbeddedPostgres postgres =
            EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
        dataSource = postgres.getPostgresDatabase();
        execute("CREATE SCHEMA users");
        execute(changeset("/db/changelog/users/002-rate-limits.sql"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataSource;
  }

  static void execute(String sql) {
    try (Connection connection = get().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String sql) {
    try (Connection connection = get().getConnection();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String changeset(String resource) throws IOException {
    try (InputStream in = TestDatabase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // The JVM is exiting; the library deletes its temporary folder on its own.
    }
  }
}
