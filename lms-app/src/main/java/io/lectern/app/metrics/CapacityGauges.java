package io.lectern.app.metrics;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Application gauges for capacity alerts, registered at start-up (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@code lectern.db.size.bytes} ({@code lectern_db_size_bytes}): size of the current
 *       database; its growth is {@code deriv(lectern_db_size_bytes[1h])} in PromQL;
 *   <li>{@code lectern.db.cache.hit.ratio}: share of block reads served from PostgreSQL's shared
 *       buffers since its statistics were reset;
 *   <li>{@code lectern.db.reachable}: 1 while the statistics query succeeds, 0 when it fails (the
 *       two gauges above then keep their last value);
 *   <li>{@code lectern.db.connections.max}: the pool's configured maximum ({@code
 *       LMS_DB_POOL_MAX}), to divide Liberty's connection pool gauges by;
 *   <li>{@code lectern.data.disk.used.ratio}: used share of the file system holding the data folder
 *       ({@code LMS_DATA_DIR}), as {@code df} shows it.
 * </ul>
 *
 * The database and the file system are read in the background at most every 15 seconds, and only
 * while /metrics is scraped; a scrape reads cached values and never waits for either (NaN until the
 * first read completes).
 */
@ApplicationScoped
public class CapacityGauges {

  static final Duration INTERVAL = Duration.ofSeconds(15);

  @Resource(lookup = "jdbc/lms")
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = "lms.db.pool.max", defaultValue = "20")
  int poolMax;

  @Inject
  @ConfigProperty(name = "lms.data.dir", defaultValue = "lms-data")
  String dataDir;

  void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Refreshed<DatabaseStats> database =
        new Refreshed<>(
            "Database statistics", () -> DatabaseStats.query(dataSource), executor, INTERVAL);
    Path folder = Path.of(dataDir);
    Refreshed<Double> disk =
        new Refreshed<>(
            "Disk usage of " + folder.toAbsolutePath(),
            () -> DiskUsage.usedRatio(folder),
            executor,
            INTERVAL);

    gauge(
        "lectern.db.size.bytes",
        "Size of the database (pg_database_size); growth: deriv() over it",
        MetricUnits.BYTES,
        () -> valueOf(database, stats -> (double) stats.sizeBytes()));
    gauge(
        "lectern.db.cache.hit.ratio",
        "Share of block reads served from PostgreSQL's shared buffers since statistics reset",
        MetricUnits.NONE,
        () -> valueOf(database, DatabaseStats::cacheHitRatio));
    gauge(
        "lectern.db.reachable",
        "1 while the database statistics can be read, 0 when they cannot",
        MetricUnits.NONE,
        () -> {
          Boolean current = database.current();
          return current == null ? Double.NaN : current ? 1.0 : 0.0;
        });
    gauge(
        "lectern.db.connections.max",
        "Configured maximum of database connections in the pool (LMS_DB_POOL_MAX)",
        MetricUnits.NONE,
        () -> (double) poolMax);
    gauge(
        "lectern.data.disk.used.ratio",
        "Used share (as df shows it) of the file system holding the data folder (LMS_DATA_DIR)",
        MetricUnits.NONE,
        () -> valueOf(disk, ratio -> ratio));

    // First values in the background, so that the first scrape already has them.
    database.get();
    disk.get();
  }

  private static <T> double valueOf(Refreshed<T> source, ToDoubleFunction<T> value) {
    T current = source.get();
    return current == null ? Double.NaN : value.applyAsDouble(current);
  }

  private void gauge(String name, String description, String unit, Supplier<Double> value) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(),
        value);
  }
}
