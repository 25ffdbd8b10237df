package io.lectern.app.devdb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Continuous WAL archiving and scheduled base backups of the embedded PostgreSQL whose data is kept
 * (the run command; never the {@code fresh} test database). Next to the database folder {@code
 * <LMS_DATA_DIR>/postgres}:
 *
 * <ul>
 *   <li>{@code backups/wal/}: every completed WAL segment, copied by PostgreSQL's {@code
 *       archive_command}; {@code archive_timeout} closes a segment with activity at least every
 *       minute, so at most about that much committed work exists only in the database folder.
 *   <li>{@code backups/base/<yyyyMMddTHHmmssZ>/}: base backups, a copy of the database folder taken
 *       between {@code pg_backup_start()} and {@code pg_backup_stop()} on one connection, with the
 *       returned {@code backup_label}. The first one is taken shortly after start unless one from
 *       the last interval exists, then one per interval while the run command lives.
 * </ul>
 *
 * <p>Retention: base backups older than the retention period are deleted, except the newest of them
 * (so every moment of the period stays restorable) and always the newest backup; archived WAL older
 * than the oldest kept base backup's start is deleted with them.
 *
 * <p>Settings (environment, or the {@code -Dlms.backup...} system property):
 * LMS_BACKUP_INTERVAL_HOURS (24), LMS_BACKUP_RETENTION_DAYS (30),
 * LMS_BACKUP_ARCHIVE_TIMEOUT_SECONDS (60). A restore to a point in time is {@code
 * reliability/backup/restore-embedded.sh}; see docs/operations/backups.md.
 */
final class EmbeddedBackups {

  /** The settings file written into the database folder and included from postgresql.conf. */
  static final String ARCHIVING_CONF = "lectern-archiving.conf";

  private static final String INCLUDE_LINE = "include_if_exists = '" + ARCHIVING_CONF + "'";
  private static final Duration FIRST_BACKUP_DELAY = Duration.ofSeconds(10);
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(10);
  private static final Duration LONGEST_SLEEP = Duration.ofHours(1);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern STAMP_NAME = Pattern.compile("\\d{8}T\\d{6}Z");
  private static final Pattern START_WAL =
      Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");

  /** Archived segments, partial segments, backup history files and unfinished copies. */
  private static final Pattern WAL_FILE =
      Pattern.compile("([0-9A-F]{24})(\\.partial|\\.[0-9A-F]{8}\\.backup|\\.part)?");

  /** Directories whose contents a base backup leaves out (PostgreSQL's documentation). */
  private static final Set<String> EMPTIED_DIRECTORIES =
      Set.of(
          "pg_wal",
          "pg_dynshmem",
          "pg_notify",
          "pg_replslot",
          "pg_serial",
          "pg_snapshots",
          "pg_stat_tmp",
          "pg_subtrans");

  /** Files a base backup leaves out; {@code epg-lock} is the embedded library's lock file. */
  private static final Set<String> EXCLUDED_FILES =
      Set.of(
          "postmaster.pid",
          "postmaster.opts",
          "backup_label",
          "backup_label.old",
          "tablespace_map",
          "backup_manifest",
          "postgresql.auto.conf.tmp",
          "current_logfiles.tmp",
          "recovery.signal",
          "standby.signal",
          "epg-lock");

  private final Path pgData;
  private final Path walArchive;
  private final Path baseBackups;
  private final int port;
  private final Duration interval;
  private final Duration retention;

  EmbeddedBackups(Path pgData, int port, Duration interval, Duration retention) {
    this.pgData = pgData;
    this.walArchive = walArchive(pgData);
    this.baseBackups = pgData.resolveSibling("backups").resolve("base");
    this.port = port;
    this.interval = interval;
    this.retention = retention;
  }

  /** With LMS_BACKUP_INTERVAL_HOURS and LMS_BACKUP_RETENTION_DAYS; bad values fail here. */
  private static EmbeddedBackups withSettings(Path pgData, int port) {
    // Fractions are accepted (for trying the schedule out); at least one minute between backups.
    Duration interval =
        Duration.ofSeconds(
            Math.max(60, Math.round(positive("LMS_BACKUP_INTERVAL_HOURS", 24) * 3600)));
    Duration retention =
        Duration.ofSeconds(Math.round(positive("LMS_BACKUP_RETENTION_DAYS", 30) * 86400));
    return new EmbeddedBackups(pgData, port, interval, retention);
  }

  private static Path walArchive(Path pgData) {
    return pgData.resolveSibling("backups").resolve("wal");
  }

  /**
   * Turns on WAL archiving into {@code backups/wal} (a data-directory customizer: runs after
   * initdb, before every start). The archive command uses only {@code sh} and coreutils, with paths
   * relative to the database folder (PostgreSQL runs it there), so the data folder may move.
   */
  static void configureArchiving(File dataDirectory) {
    Path pgData = dataDirectory.toPath().toAbsolutePath();
    withSettings(pgData, 0); // bad interval or retention values fail before the start
    long archiveTimeout = (long) setting("LMS_BACKUP_ARCHIVE_TIMEOUT_SECONDS", 60);
    if (archiveTimeout < 0) {
      throw new IllegalArgumentException("LMS_BACKUP_ARCHIVE_TIMEOUT_SECONDS must not be negative");
    }
    // An existing file with the same content counts as archived (a copy that finished just
    // before a crash); a different one is an error PostgreSQL keeps retrying, never overwritten.
    String archiveCommand =
        "f=../backups/wal/%f; if [ -f \"$f\" ]; then cmp -s \"%p\" \"$f\"; "
            + "else cp \"%p\" \"$f.part\" && sync \"$f.part\" && mv \"$f.part\" \"$f\"; fi";
    String settings =
        String.join(
            "\n",
            "# WAL archiving for point-in-time recovery (backups/wal next to this folder).",
            "# Written by the run command at every start (EmbeddedBackups): edits are overwritten.",
            "wal_level = replica",
            "archive_mode = on",
            "archive_timeout = " + archiveTimeout,
            "archive_command = '" + archiveCommand.replace("'", "''") + "'",
            "");
    try {
      createPrivateDirectories(walArchive(pgData));
      Files.writeString(pgData.resolve(ARCHIVING_CONF), settings, StandardCharsets.UTF_8);
      Path conf = pgData.resolve("postgresql.conf");
      if (!Files.readString(conf, StandardCharsets.UTF_8).contains(INCLUDE_LINE)) {
        Files.writeString(
            conf, "\n" + INCLUDE_LINE + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not configure WAL archiving in " + pgData, e);
    }
  }

  /**
   * Starts the base-backup schedule on a daemon thread and returns at once. The thread runs in a
   * class loader of its own: the Maven plugin closes the one that ran {@code main} when it returns,
   * and the backups still need to load classes (the JDBC driver's) long after.
   */
  static void schedule(Path pgData, int port) {
    ClassLoader current = EmbeddedBackups.class.getClassLoader();
    if (!(current instanceof URLClassLoader urls)) {
      withSettings(pgData, port).startThread();
      return;
    }
    @SuppressWarnings("resource") // lives as long as the JVM, like the thread that uses it
    ClassLoader own = new URLClassLoader(urls.getURLs(), ClassLoader.getPlatformClassLoader());
    try {
      var startHere =
          Class.forName(EmbeddedBackups.class.getName(), true, own)
              .getDeclaredMethod("startHere", String.class, int.class);
      startHere.setAccessible(true); // another class loader: another runtime package
      startHere.invoke(null, pgData.toString(), port);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Could not start the backup schedule", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not start the backup schedule", e);
    }
  }

  @SuppressWarnings("unused") // called reflectively from schedule(), in the new class loader
  private static void startHere(String pgData, int port) {
    withSettings(Path.of(pgData), port).startThread();
  }

  private void startThread() {
    Thread thread = new Thread(this::loop, "embedded-postgres-backups");
    thread.setDaemon(true);
    thread.setContextClassLoader(EmbeddedBackups.class.getClassLoader());
    thread.start();
  }

  private void loop() {
    Duration wait = FIRST_BACKUP_DELAY;
    while (true) {
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      try {
        List<Backup> backups = completedBackups();
        Instant due =
            backups.isEmpty()
                ? Instant.EPOCH
                : backups.get(backups.size() - 1).time().plus(interval);
        Instant now = Instant.now();
        if (now.isBefore(due)) {
          wait = min(Duration.between(now, due), LONGEST_SLEEP);
          continue;
        }
        backUpAndExpire();
        wait = min(interval, LONGEST_SLEEP);
      } catch (Exception | LinkageError e) {
        System.err.println(
            "Embedded PostgreSQL base backup FAILED (retrying in "
                + RETRY_AFTER_FAILURE.toMinutes()
                + " min): "
                + e);
        wait = RETRY_AFTER_FAILURE;
      }
    }
  }

  private void backUpAndExpire() throws IOException, SQLException {
    createPrivateDirectories(baseBackups);
    try (var leftovers = Files.list(baseBackups)) {
      for (Path path : leftovers.filter(p -> p.toString().endsWith(".partial")).toList()) {
        deleteRecursively(path);
      }
    }
    long started = System.nanoTime();
    String stamp = STAMP.format(Instant.now());
    Path target = baseBackups.resolve(stamp);
    Path partial = baseBackups.resolve(stamp + ".partial");
    if (Files.exists(target)) {
      throw new IOException(target + " exists already");
    }
    createPrivateDirectories(partial);
    Copy copy;
    try (Connection connection = connect();
        Statement sql = connection.createStatement()) {
      sql.execute("set statement_timeout = '10min'");
      warnIfArchivingFails(sql);
      try (PreparedStatement begin =
          connection.prepareStatement("select pg_backup_start(?, true)")) {
        begin.setString(1, "lectern " + stamp);
        begin.execute();
      }
      copy = copyDataDirectory(pgData, partial);
      // Waits until the WAL needed to make the copy consistent is archived.
      try (ResultSet stop =
          sql.executeQuery("select labelfile, spcmapfile from pg_backup_stop(true)")) {
        stop.next();
        writeDurably(partial.resolve("backup_label"), stop.getString(1));
        String tablespaceMap = stop.getString(2);
        if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
          writeDurably(partial.resolve("tablespace_map"), tablespaceMap);
        }
      }
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    String startWal = startWal(target);
    Expired expired = expire(Instant.now());
    System.out.printf(
        Locale.ROOT,
        "Embedded PostgreSQL base backup %s: %d files, %.1f MB in %.1f s (WAL from %s); "
            + "%d base backup(s) kept, %d base backup(s) and %d archived WAL file(s) removed%n",
        target,
        copy.files,
        copy.bytes / 1e6,
        (System.nanoTime() - started) / 1e9,
        startWal,
        expired.keptBackups,
        expired.removedBackups,
        expired.removedWal);
  }

  /**
   * Logs when the latest WAL archiving attempt failed (PostgreSQL keeps retrying; the backup then
   * fails too, as pg_backup_stop() waits for its WAL to be archived).
   */
  private static void warnIfArchivingFails(Statement sql) throws SQLException {
    try (ResultSet row =
        sql.executeQuery(
            "select failed_count, last_failed_wal, last_failed_time from pg_stat_archiver"
                + " where last_failed_time > coalesce(last_archived_time, '-infinity')")) {
      if (row.next()) {
        System.err.println(
            "Embedded PostgreSQL WARNING: WAL archiving into backups/wal is failing ("
                + row.getLong(1)
                + " failures, the last at "
                + row.getString(3)
                + " on "
                + row.getString(2)
                + "); point-in-time recovery is not possible past the last archived segment");
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    properties.setProperty("ApplicationName", "lectern-base-backup");
    Connection connection =
        new org.postgresql.Driver()
            .connect("jdbc:postgresql://localhost:" + port + "/postgres", properties);
    if (connection == null) {
      throw new SQLException("no connection to the embedded PostgreSQL on port " + port);
    }
    return connection;
  }

  /**
   * Deletes base backups older than the retention period except the newest of those (the start of
   * the restorable period) and always the newest backup; then the archived WAL that only older
   * backups needed.
   */
  Expired expire(Instant now) throws IOException {
    List<Backup> backups = completedBackups();
    Instant limit = now.minus(retention);
    Backup oldestKept = backups.get(0); // all of them when all are within the period
    for (Backup backup : backups) {
      if (!backup.time().isAfter(limit)) {
        oldestKept = backup; // else the newest one at or before the limit
      }
    }
    int removedBackups = 0;
    for (Backup backup : backups) {
      if (backup.time().isBefore(oldestKept.time())) {
        deleteRecursively(backup.path());
        removedBackups++;
      }
    }
    String keepFrom = startWal(oldestKept.path()).substring(8); // ignore the timeline
    int removedWal = 0;
    try (var files = Files.list(walArchive)) {
      for (Path file : files.toList()) {
        Matcher name = WAL_FILE.matcher(file.getFileName().toString());
        if (name.matches() && name.group(1).substring(8).compareTo(keepFrom) < 0) {
          Files.deleteIfExists(file);
          removedWal++;
        }
      }
    }
    return new Expired(backups.size() - removedBackups, removedBackups, removedWal);
  }

  record Expired(int keptBackups, int removedBackups, int removedWal) {}

  private record Backup(Instant time, Path path) {}

  /** Finished base backups (name is the UTC start time, with a backup_label), oldest first. */
  private List<Backup> completedBackups() {
    List<Backup> backups = new ArrayList<>();
    if (!Files.isDirectory(baseBackups)) {
      return backups;
    }
    try (var entries = Files.list(baseBackups)) {
      for (Path path : entries.toList()) {
        String name = path.getFileName().toString();
        if (STAMP_NAME.matcher(name).matches()
            && Files.isRegularFile(path.resolve("backup_label"))) {
          backups.add(new Backup(STAMP.parse(name, Instant::from), path));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    backups.sort(Comparator.comparing(Backup::time));
    return backups;
  }

  private static String startWal(Path backup) throws IOException {
    String label = Files.readString(backup.resolve("backup_label"), StandardCharsets.UTF_8);
    Matcher start = START_WAL.matcher(label);
    if (!start.find()) {
      throw new IOException("no START WAL LOCATION in " + backup.resolve("backup_label"));
    }
    return start.group(1);
  }

  /** Copies the database folder, leaving out what PostgreSQL's documentation says to omit. */
  static Copy copyDataDirectory(Path source, Path target) throws IOException {
    Copy copy = new Copy();
    Files.walkFileTree(source, copy.into(target));
    return copy;
  }

  static final class Copy {
    long files;
    long bytes;

    SimpleFileVisitor<Path> into(Path target) {
      return new SimpleFileVisitor<>() {
        private Path source;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
            throws IOException {
          if (source == null) {
            source = dir;
            return FileVisitResult.CONTINUE;
          }
          String name = dir.getFileName().toString();
          if (name.startsWith("pgsql_tmp")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          Path copy = target.resolve(source.relativize(dir).toString());
          createPrivateDirectories(copy);
          if (EMPTIED_DIRECTORIES.contains(name) && dir.getParent().equals(source)) {
            if (name.equals("pg_wal")) {
              createPrivateDirectories(copy.resolve("archive_status"));
            }
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
            throws IOException {
          String name = file.getFileName().toString();
          boolean topLevel = file.getParent().equals(source);
          if ((topLevel && EXCLUDED_FILES.contains(name))
              || name.startsWith("pg_internal.init")
              || name.startsWith("pgsql_tmp")) {
            return FileVisitResult.CONTINUE;
          }
          Path copy = target.resolve(source.relativize(file).toString());
          if (attributes.isSymbolicLink()) {
            Files.copy(file, copy, LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
          try {
            bytes += copyDurably(file, copy);
            files++;
          } catch (NoSuchFileException e) {
            // Dropped while copying (a table, a temporary file): WAL replay accounts for it.
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }
      };
    }
  }

  private static long copyDurably(Path from, Path to) throws IOException {
    long copied = 0;
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long size = in.size();
      while (copied < size) {
        long n = in.transferTo(copied, size - copied, out);
        if (n <= 0) {
          break; // the file shrank while copying: fine, WAL replay restores it
        }
        copied += n;
      }
      out.force(true);
    }
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
    return copied;
  }

  private static void writeDurably(Path file, String content) throws IOException {
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(StandardCharsets.UTF_8.encode(content));
      out.force(true);
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Directories readable only by their owner: PostgreSQL refuses a looser data folder. */
  private static void createPrivateDirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static double positive(String name, double defaultValue) {
    double value = setting(name, defaultValue);
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be greater than 0");
    }
    return value;
  }

  /** An environment variable, or the system property of the same name in lower case with dots. */
  private static double setting(String name, double defaultValue) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
    }
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value, e);
    }
  }
}
