package io.lectern.app.persistence;

import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies the master changelog while the application starts, before it serves a request, then tells
 * the modules the schema is ready. A failed migration fails the deployment.
 */
@ApplicationScoped
public class SchemaMigrator {

  static final String MASTER_CHANGELOG = "db/changelog/master.xml";
  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  @Resource(lookup = "jdbc/lms")
  DataSource dataSource;

  @Inject Event<SchemaMigrated> migrated;

  @Inject
  @ConfigProperty(name = "lms.demo.data", defaultValue = "false")
  boolean demoData;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    migrate();
    migrated.fire(new SchemaMigrated(demoData));
  }

  private void migrate() {
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        Database database =
            DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Liquibase liquibase =
            new Liquibase(
                MASTER_CHANGELOG,
                new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                database);
        liquibase.update("");
        connection.commit();
      } finally {
        // Liberty rolls back (WLTC0033W) a pooled connection returned in a transaction.
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException | LiquibaseException e) {
      throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
    }
    LOG.info(
        "Database schema is up to date (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
  }
}
