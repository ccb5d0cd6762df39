package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Chunking follows the keys, not InnoDB's statistics, and a chunk's memory stays bounded whatever
 * it holds.
 *
 * <ul>
 *   <li>{@code log}: persistent statistics that are never recalculated ({@code STATS_PERSISTENT=1,
 *       STATS_AUTO_RECALC=0}), analysed while empty, then filled and read again (as after a server
 *       restart): the server says it holds no rows. It must still be split into chunks of at most
 *       {@code --chunk-rows}.
 *   <li>{@code skewed}: ids 1..30,000 and then from 10^12: two dense runs with a huge gap between,
 *       split into full chunks without thousands of empty ones.
 *   <li>{@code keyless}: no integer key, so one chunk of 200,000 rows, every one with a NUL removed
 *       (a changed value to list): all of them listed, through a JVM with a small heap.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaleStatisticsIT {
  static final int CHUNK_ROWS = 10_000;
  static final int LOG_ROWS = 250_000;
  static final int KEYLESS_ROWS = 600_000;

  private TestDatabase source;
  private TestDatabase target;
  private CliRun run;

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    source = TestServers.mysql().createDatabase("stale_src");
    target = TestServers.postgresql().createDatabase("stale_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE log (id BIGINT PRIMARY KEY, other VARCHAR(200)) ENGINE=InnoDB"
              + " STATS_PERSISTENT=1 STATS_AUTO_RECALC=0 CHARSET utf8mb4");
      st.execute("ANALYZE TABLE log");
      for (int from = 1; from <= LOG_ROWS; from += 50_000) {
        st.execute(
            "INSERT INTO log SELECT seq, REPEAT(MD5(seq), 3) FROM seq_"
                + from
                + "_to_"
                + (from + 49_999));
      }
      // What a server restart does: the table's statistics read again from the persistent ones,
      // which say what ANALYZE saw, an empty table.
      st.execute("RENAME TABLE log TO log_reloaded, log_reloaded TO log");
      st.execute("CREATE TABLE skewed (id BIGINT PRIMARY KEY, v INT) CHARSET utf8mb4");
      st.execute("INSERT INTO skewed SELECT seq, seq FROM seq_1_to_30000");
      st.execute("INSERT INTO skewed SELECT 1000000000000 + seq, seq FROM seq_1_to_30000");
      st.execute(
          "CREATE TABLE keyless (a INT, b INT, t VARCHAR(20), PRIMARY KEY (a, b)) CHARSET utf8mb4");
      st.execute(
          "INSERT INTO keyless SELECT seq, seq % 7, CONCAT('x', CHAR(0), seq) FROM seq_1_to_"
              + KEYLESS_ROWS);
    }
    assertTrue(
        sourceRowsEstimate("log") < LOG_ROWS / 10,
        "the server's statistics must be stale for this test: " + sourceRowsEstimate("log"));
    run =
        CliRun.process(
            List.of("-Xmx80m"),
            CliRun.passwords(source, target),
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            "create",
            "--chunk-rows",
            "" + CHUNK_ROWS,
            "--rejects-dir",
            dir.toString());
  }

  @AfterAll
  void drop() throws SQLException {
    for (TestDatabase db : new TestDatabase[] {source, target}) {
      if (db != null) {
        db.close();
      }
    }
  }

  @Test
  void aTableTheStatisticsCallEmptyIsSplitByItsKeys() throws Exception {
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(LOG_ROWS, target.queryLong("SELECT count(*) FROM public.log"));
    assertEquals(LOG_ROWS / CHUNK_ROWS, target.queryLong(chunks("log")));
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM moodle_migrate.run_chunk WHERE table_name = 'log'"
                + " AND rows_written > "
                + CHUNK_ROWS));
  }

  @Test
  void skewedIdsGiveFullChunksNotThousandsOfEmptyOnes() throws Exception {
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(60_000, target.queryLong("SELECT count(DISTINCT id) FROM public.skewed"));
    long chunks = target.queryLong(chunks("skewed"));
    assertTrue(chunks >= 6 && chunks <= 8, "chunks of skewed: " + chunks);
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM moodle_migrate.run_chunk WHERE table_name = 'skewed'"
                + " AND (rows_written > "
                + CHUNK_ROWS
                + " OR rows_written = 0)"));
  }

  @Test
  void aChunkOfAnySizeListsEveryChangedValueInABoundedHeap() throws Exception {
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(1, target.queryLong(chunks("keyless")));
    assertEquals(KEYLESS_ROWS, target.queryLong("SELECT count(*) FROM public.keyless"));
    assertEquals(
        KEYLESS_ROWS,
        target.queryLong(
            "SELECT count(*) FROM moodle_migrate.run_row_issue WHERE table_name = 'keyless'"
                + " AND kind = 'changed'"));
    assertEquals(
        KEYLESS_ROWS,
        target.queryLong(
            "SELECT values_changed FROM moodle_migrate.run_chunk WHERE table_name = 'keyless'"));
  }

  private static String chunks(String table) {
    return "SELECT count(*) FROM moodle_migrate.run_chunk WHERE table_name = '" + table + "'";
  }

  private long sourceRowsEstimate(String table) throws SQLException {
    try (Connection c = source.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = '"
                    + table
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
