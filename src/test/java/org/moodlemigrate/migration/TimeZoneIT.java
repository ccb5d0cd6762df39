package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CellComparison;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TableContents;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The same migration from a JVM in {@code Pacific/Auckland} (daylight saving, with a gap and an
 * overlap) into a target database whose default zone is {@code America/New_York}, and from a JVM in
 * UTC into a UTC target: the targets are identical, and equal to the source as wall-clock values,
 * including values that do not exist in one of those zones (inside a DST gap) or exist twice
 * (inside an overlap).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeZoneIT {
  private TestDatabase source;
  private TestDatabase auckland;
  private TestDatabase utc;
  private CliRun aucklandRun;
  private CliRun utcRun;

  @BeforeAll
  void migrateFromTwoZones(@TempDir Path dir) throws Exception {
    source = TestServers.mysql().createDatabase("tz_src");
    auckland = TestServers.postgresql().createDatabase("tz_akl");
    utc = TestServers.postgresql().createDatabase("tz_utc");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("SET time_zone = '+00:00'");
      st.execute(
          "CREATE TABLE tz (id INT PRIMARY KEY, d DATE, dt DATETIME, dt6 DATETIME(6), ts TIMESTAMP"
              + " NULL, t TIME)");
      st.execute(
          "INSERT INTO tz VALUES"
              // Pacific/Auckland: 2024-09-29 02:00-03:00 does not exist.
              + " (1, '2024-09-29', '2024-09-29 02:30:00', '2024-09-29 02:59:59.999999',"
              + " '2024-09-28 14:30:00', '02:30:00'),"
              // Pacific/Auckland: 2024-04-07 02:00-03:00 happens twice.
              + " (2, '2024-04-07', '2024-04-07 02:30:00', '2024-04-07 02:30:00.5',"
              + " '2024-04-06 13:30:00', '-02:30:00'),"
              // America/New_York: 2024-03-10 02:00-03:00 does not exist.
              + " (3, '2024-03-10', '2024-03-10 02:30:00', '2024-03-10 02:30:00.000001',"
              + " '2024-03-10 07:30:00', '838:59:59'),"
              // Midnight that some zones skip (Asia/Beirut, Chile) and the epoch.
              + " (4, '1970-01-01', '1970-01-01 00:00:00', '2024-09-08 00:00:00', '1970-01-01"
              + " 00:00:01', '00:00:00'),"
              + " (5, '1000-01-01', '9999-12-31 23:59:59', '1900-01-01 00:00:00.000001',"
              + " '2038-01-19 03:14:07', '-838:59:59')");
    }
    try (Connection c = auckland.connect();
        Statement st = c.createStatement()) {
      st.execute("ALTER DATABASE \"" + auckland.name() + "\" SET timezone = 'America/New_York'");
    }
    aucklandRun = run(auckland, "Pacific/Auckland", dir.resolve("akl"));
    utcRun = run(utc, "UTC", dir.resolve("utc"));
  }

  private CliRun run(TestDatabase target, String zone, Path rejects) throws Exception {
    return CliRun.process(
        List.of("-Duser.timezone=" + zone),
        Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
        "run",
        "--source",
        source.uri(),
        "--target",
        target.uri(),
        "--schema-mode",
        "create",
        "--rejects-dir",
        rejects.toString());
  }

  @AfterAll
  void drop() throws SQLException {
    for (TestDatabase db : new TestDatabase[] {source, auckland, utc}) {
      if (db != null) {
        db.close();
      }
    }
  }

  @Test
  void bothRunsSucceed() {
    assertEquals(0, aucklandRun.exitCode(), aucklandRun.transcript());
    assertEquals(0, utcRun.exitCode(), utcRun.transcript());
  }

  @Test
  void theTargetsAreIdentical() throws Exception {
    try (Connection a = auckland.connect();
        Connection u = utc.connect();
        Statement sa = a.createStatement();
        Statement su = u.createStatement()) {
      // timestamptz prints in the session's zone: read both in the same one.
      sa.execute("SET TIME ZONE 'UTC'");
      su.execute("SET TIME ZONE 'UTC'");
      List<String> fromAuckland = TableContents.of(a, "public", "tz");
      assertEquals(5, fromAuckland.size());
      assertEquals(TableContents.of(u, "public", "tz"), fromAuckland);
      assertTrue(
          fromAuckland.get(0).startsWith("1\t2024-09-29\t2024-09-29 02:30:00\t"),
          fromAuckland.get(0));
    }
  }

  @Test
  void bothEqualTheSourceAsWallClockValues() throws Exception {
    for (TestDatabase target : List.of(auckland, utc)) {
      try (Connection my = source.connect();
          Connection pg = target.connect()) {
        List<String> diff = CellComparison.differences(my, pg, "public", "tz", "id");
        assertTrue(diff.isEmpty(), target + ": " + String.join("\n", diff));
      }
    }
  }
}
