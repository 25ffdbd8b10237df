package io.lectern.app.devdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file work of the embedded database's backups: archiving settings, copy, retention. */
class EmbeddedBackupsTest {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @TempDir Path dataDir;

  @Test
  void archivingIsConfiguredOnceWithPathsRelativeToTheDatabaseFolder() throws IOException {
    Path pg = Files.createDirectories(dataDir.resolve("postgres"));
    Files.writeString(pg.resolve("postgresql.conf"), "max_connections = 100\n");

    EmbeddedBackups.configureArchiving(pg.toFile());
    EmbeddedBackups.configureArchiving(pg.toFile());

    String conf = Files.readString(pg.resolve("postgresql.conf"));
    assertThat(conf.split("include_if_exists = 'lectern-archiving.conf'", -1)).hasSize(2);
    assertThat(Files.readString(pg.resolve(EmbeddedBackups.ARCHIVING_CONF)))
        .contains("archive_mode = on", "wal_level = replica", "archive_timeout = 60")
        .contains("archive_command = 'f=../backups/wal/%f;")
        .doesNotContain(dataDir.toString());
    assertThat(dataDir.resolve("backups/wal")).isDirectory();
  }

  @Test
  void theCopyLeavesOutWhatPostgresqlSaysToOmit() throws IOException {
    Path pg = dataDir.resolve("postgres");
    write(pg.resolve("PG_VERSION"), "17\n");
    write(pg.resolve("base/5/16384"), "table");
    write(pg.resolve("global/pg_internal.init"), "cache");
    write(pg.resolve("base/pgsql_tmp/pgsql_tmp1.0"), "temporary");
    write(pg.resolve("pg_wal/000000010000000000000003"), "wal");
    write(pg.resolve("pg_stat_tmp/global.stat"), "stats");
    write(pg.resolve("pg_subtrans/0000"), "subtrans");
    write(pg.resolve("postmaster.pid"), "123");
    write(pg.resolve("postmaster.opts"), "opts");
    write(pg.resolve("epg-lock"), "");

    Path copy = dataDir.resolve("copy");
    Files.createDirectories(copy);
    EmbeddedBackups.Copy stats = EmbeddedBackups.copyDataDirectory(pg, copy);

    try (Stream<Path> files = Files.walk(copy)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> copy.relativize(p).toString()))
          .containsExactlyInAnyOrder("PG_VERSION", "base/5/16384");
    }
    assertThat(copy.resolve("pg_wal/archive_status")).isDirectory();
    assertThat(copy.resolve("pg_stat_tmp")).isEmptyDirectory();
    assertThat(copy.resolve("pg_subtrans")).isEmptyDirectory();
    assertThat(stats.files).isEqualTo(2);
  }

  @Test
  void retentionKeepsThePeriodAndDeletesOnlyWalThatNoKeptBackupNeeds() throws IOException {
    Path pg = Files.createDirectories(dataDir.resolve("postgres"));
    backup(NOW.minus(Duration.ofDays(40)), "000000010000000000000002");
    backup(NOW.minus(Duration.ofDays(35)), "000000010000000000000005");
    backup(NOW.minus(Duration.ofDays(10)), "000000010000000000000009");
    backup(NOW.minus(Duration.ofDays(1)), "00000002000000000000000C");
    for (String name :
        new String[] {
          "000000010000000000000002",
          "000000010000000000000002.00000028.backup",
          "000000010000000000000004",
          "000000010000000000000004.part",
          "000000010000000000000005",
          "000000010000000000000005.00000028.backup",
          "000000010000000000000006",
          "00000002.history",
          "000000020000000000000003.partial",
          "00000002000000000000000C"
        }) {
      write(dataDir.resolve("backups/wal/" + name), name);
    }

    EmbeddedBackups.Expired expired =
        new EmbeddedBackups(pg, 0, Duration.ofDays(1), Duration.ofDays(30)).expire(NOW);

    // The backup from 35 days ago is the newest one older than 30 days: it starts the period.
    assertThat(names(dataDir.resolve("backups/base")))
        .containsExactly(
            stamp(NOW.minus(Duration.ofDays(35))),
            stamp(NOW.minus(Duration.ofDays(10))),
            stamp(NOW.minus(Duration.ofDays(1))));
    // Older segments go whatever their timeline; history files always stay.
    assertThat(names(dataDir.resolve("backups/wal")))
        .containsExactly(
            "000000010000000000000005",
            "000000010000000000000005.00000028.backup",
            "000000010000000000000006",
            "00000002.history",
            "00000002000000000000000C");
    assertThat(expired).isEqualTo(new EmbeddedBackups.Expired(3, 1, 5));
  }

  @Test
  void theNewestBackupIsAlwaysKept() throws IOException {
    Path pg = Files.createDirectories(dataDir.resolve("postgres"));
    backup(NOW.minus(Duration.ofDays(90)), "000000010000000000000002");
    backup(NOW.minus(Duration.ofDays(60)), "000000010000000000000007");
    write(dataDir.resolve("backups/wal/000000010000000000000006"), "old");
    write(dataDir.resolve("backups/wal/000000010000000000000007"), "needed");

    new EmbeddedBackups(pg, 0, Duration.ofDays(1), Duration.ofDays(30)).expire(NOW);

    assertThat(names(dataDir.resolve("backups/base")))
        .containsExactly(stamp(NOW.minus(Duration.ofDays(60))));
    assertThat(names(dataDir.resolve("backups/wal"))).containsExactly("000000010000000000000007");
  }

  @Test
  void backupsWithinThePeriodAreAllKept() throws IOException {
    Path pg = Files.createDirectories(dataDir.resolve("postgres"));
    backup(NOW.minus(Duration.ofDays(20)), "000000010000000000000004");
    backup(NOW.minus(Duration.ofDays(2)), "000000010000000000000009");
    write(dataDir.resolve("backups/wal/000000010000000000000003"), "before every backup");
    write(dataDir.resolve("backups/wal/000000010000000000000004"), "needed");

    EmbeddedBackups.Expired expired =
        new EmbeddedBackups(pg, 0, Duration.ofDays(1), Duration.ofDays(30)).expire(NOW);

    assertThat(expired).isEqualTo(new EmbeddedBackups.Expired(2, 0, 1));
    assertThat(names(dataDir.resolve("backups/wal"))).containsExactly("000000010000000000000004");
  }

  private void backup(Instant start, String startWal) throws IOException {
    write(
        dataDir.resolve("backups/base/" + stamp(start) + "/backup_label"),
        "START WAL LOCATION: 0/5000028 (file " + startWal + ")\nCHECKPOINT LOCATION: 0/5000080\n");
  }

  private static String stamp(Instant time) {
    return STAMP.format(time);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static Stream<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }
}
