package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.catalog.mysql.MySqlCatalogReader;
import org.moodlemigrate.catalog.postgresql.PostgresCatalogReader;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.DatabaseKind;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.EndpointParser;
import org.moodlemigrate.connect.Secret;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.ChunkPlanner;
import org.moodlemigrate.plan.KeyRangeReader;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.MigrationPlanner;
import org.moodlemigrate.plan.SchemaMode;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.plan.TableSelector;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Verify against real servers, after a real migration through the command line (in-process): a
 * table of many column types in {@value #CHUNK_ROWS}-row chunks and a table without a primary key.
 * A correct migration passes at both levels; a row deleted, a value changed and a row added in the
 * target are each named by table and key; a change in the table without a key makes that table
 * differ; and what the run itself refused or changed is accounted for by its anomalies.
 */
class VerifierIT {
  static final int ROWS = 500;
  static final int CHUNK_ROWS = 100;
  static final String TYPES = "mdl_types";
  static final String NOKEY = "mdl_nokey";

  @TempDir Path rejects;
  private TestDatabase source;
  private TestDatabase target;
  private HikariDataSource sourcePool;
  private HikariDataSource targetPool;
  private List<TablePlan> plans;
  private Map<String, List<Chunk>> chunks;

  @AfterEach
  void drop() throws SQLException {
    if (sourcePool != null) {
      sourcePool.close();
    }
    if (targetPool != null) {
      targetPool.close();
    }
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  // --- setup ----------------------------------------------------------------------------------

  /** Fills a new source database before the migration. */
  @FunctionalInterface
  interface SourceSetup {
    void fill(Connection source) throws SQLException;
  }

  /**
   * Creates and fills the source, migrates it with the real command line, then plans and chunks its
   * tables as the tool does.
   */
  private void migrate(String label, SourceSetup setup, int expectedExit, String... options)
      throws Exception {
    migrate(label, setup, null, expectedExit, options);
  }

  /** As above, with tables made in the target first (as an installer would) when not null. */
  private void migrate(
      String label, SourceSetup setup, SourceSetup targetSetup, int expectedExit, String... options)
      throws Exception {
    source = TestServers.mysql().createDatabase("vfy_" + label);
    target = TestServers.postgresql().createDatabase("vfy_" + label);
    try (Connection c = source.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("SET SESSION sql_mode = ''"); // zero dates, as legacy sites have them
        st.execute("SET time_zone = '+00:00'");
      }
      setup.fill(c);
    }
    if (targetSetup != null) {
      try (Connection c = target.connect()) {
        targetSetup.fill(c);
      }
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--source",
                source.uri(),
                "--target",
                target.uri(),
                "--schema-mode",
                targetSetup == null ? "create" : "data-only",
                "--chunk-rows",
                Integer.toString(CHUNK_ROWS),
                "--rejects-dir",
                rejects.toString()));
    args.addAll(List.of(options));
    CliRun run =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            args.toArray(String[]::new));
    assertEquals(expectedExit, run.exitCode(), run.transcript());

    Endpoint sourceEndpoint =
        EndpointParser.parse(source.uri(), DatabaseKind.MYSQL, "--source", "")
            .endpoint()
            .withPassword(Secret.of(source.password()));
    Endpoint targetEndpoint =
        EndpointParser.parse(target.uri(), DatabaseKind.POSTGRESQL, "--target", "")
            .endpoint()
            .withPassword(Secret.of(target.password()));
    sourcePool = DataSources.open(sourceEndpoint, ConnectionRole.SOURCE_READ, 4);
    targetPool = DataSources.open(targetEndpoint, ConnectionRole.ADMIN, 4);
    try (Connection sc = source.connect();
        Connection tc = target.connect()) {
      SourceCatalog sourceCatalog = MySqlCatalogReader.read(sc, source.name());
      TargetCatalog targetCatalog = PostgresCatalogReader.read(tc, "public");
      MigrationPlan plan =
          new MigrationPlanner(CastRuleSet.defaults(), TableSelector.all(), SchemaMode.AUTO, false)
              .plan(sourceCatalog, targetCatalog);
      assertTrue(plan.problems().isEmpty(), plan.problems().toString());
      plans = plan.tables().stream().filter(t -> t.mode() != TableMode.SKIP).toList();
      chunks = new LinkedHashMap<>();
      ChunkPlanner planner = new ChunkPlanner(CHUNK_ROWS);
      for (TablePlan t : plans) {
        var key = t.source().singleIntegerKey();
        if (key.isEmpty()) {
          continue; // verified whole, as the run copied it
        }
        SourceColumn k = key.get();
        KeyRangeReader.KeyRange range = KeyRangeReader.read(sc, source.name(), t.name(), k.name());
        chunks.put(
            t.name(),
            planner.splitDense(t.name(), k.name(), count(sc, t.name()), range.min(), range.max()));
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The typed table (filled through a prepared statement) and the table without a key. */
  private static List<String> typesDdl() {
    return List.of(
        "CREATE TABLE "
            + TYPES
            + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, i INT,"
            + " flag TINYINT(1) NOT NULL DEFAULT 0, big BIGINT UNSIGNED, amount DECIMAL(12,4),"
            + " ratio FLOAT, score DOUBLE, name VARCHAR(100) CHARACTER SET utf8mb4,"
            + " legacy TEXT CHARACTER SET latin1, data BLOB, day DATE, at DATETIME(6),"
            + " ts TIMESTAMP NULL DEFAULT NULL, dur TIME(6), doc JSON, kind ENUM('a','b','ü'),"
            + " bits BIT(5), yr YEAR) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        "CREATE TABLE " + NOKEY + " (a INT, b VARCHAR(20)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        "INSERT INTO "
            + NOKEY
            + " VALUES (1, 'one'), (2, 'two'), (2, 'two'), (3, NULL), (NULL, ''), (4, 'NULL')");
  }

  /** The typed table, {@value #ROWS} rows from a fixed seed, and the table without a key. */
  private static void fillTypes(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : typesDdl()) {
        st.execute(sql);
      }
    }
    Random r = new Random(20261122L);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + TYPES
                + " (id, i, flag, big, amount, ratio, score, name, legacy, data, day, at, ts,"
                + " dur, doc, kind, bits, yr) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= ROWS; id++) {
        boolean nulls = id % 17 == 0;
        ps.setLong(1, id);
        setOrNull(ps, 2, nulls ? null : r.nextInt(), Types.INTEGER);
        ps.setInt(3, List.of(0, 1, 2, -1, 127).get(id % 5));
        ps.setString(
            4,
            nulls
                ? null
                : id == 1 ? "18446744073709551615" : new java.math.BigInteger(64, r).toString());
        ps.setString(
            5, nulls ? null : String.format(Locale.ROOT, "%.4f", (r.nextDouble() - 0.5) * 1e6));
        setOrNull(ps, 6, nulls ? null : (float) ((r.nextDouble() - 0.5) * 1e4), Types.FLOAT);
        setOrNull(
            ps,
            7,
            nulls ? null : id == 2 ? Double.MAX_VALUE : (r.nextDouble() - 0.5) * 1e12,
            Types.DOUBLE);
        ps.setString(8, nulls ? null : id == 3 ? "" : "naïve 😀 𠮷 " + id + " \\ ' \"");
        ps.setString(9, nulls ? null : "café crème " + id);
        byte[] blob = new byte[r.nextInt(64)];
        r.nextBytes(blob);
        ps.setBytes(10, nulls ? null : blob);
        ps.setString(
            11, nulls ? null : java.time.LocalDate.ofEpochDay(r.nextInt(40000)).toString());
        ps.setString(
            12,
            nulls
                ? null
                : String.format(
                    Locale.ROOT,
                    "2024-%02d-%02d %02d:%02d:%02d.%06d",
                    1 + r.nextInt(12),
                    1 + r.nextInt(28),
                    r.nextInt(24),
                    r.nextInt(60),
                    r.nextInt(60),
                    id % 3 == 0 ? 0 : r.nextInt(1_000_000)));
        ps.setString(
            13,
            nulls
                ? null
                : String.format(
                    Locale.ROOT, "2030-06-%02d 12:%02d:00", 1 + r.nextInt(28), r.nextInt(60)));
        ps.setString(
            14,
            nulls
                ? null
                : id == 4
                    ? "838:59:59"
                    : id == 5
                        ? "-838:59:59"
                        : String.format(
                            Locale.ROOT,
                            "%s%d:%02d:%02d.%06d",
                            r.nextBoolean() ? "-" : "",
                            r.nextInt(800),
                            r.nextInt(60),
                            r.nextInt(60),
                            r.nextInt(1_000_000)));
        ps.setString(
            15,
            nulls
                ? null
                : "{\"z\": " + id + ", \"a\": [1, 2.50, null], \"s\": \"é\\u00e9 " + id + "\"}");
        ps.setString(16, nulls ? null : List.of("a", "b", "ü").get(id % 3));
        setOrNull(ps, 17, nulls ? null : (long) (id % 32), Types.BIGINT);
        setOrNull(ps, 18, nulls ? null : 1901 + id % 255, Types.INTEGER);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (Statement st = c.createStatement()) {
      st.execute(
          "ALTER TABLE "
              + TYPES
              + " ADD wide DECIMAL(65,30), ADD code CHAR(10), ADD perms SET('r','w','x'),"
              + " ADD pt POINT, ADD mask BIT(64), ADD body LONGTEXT");
      st.execute(
          "UPDATE "
              + TYPES
              + " SET wide = IF(id % 17 = 0, NULL, (id * 1234567.891) / 7),"
              + " code = IF(id % 17 = 0, NULL, CONCAT('c', id)),"
              + " perms = ELT(1 + id % 4, '', 'r', 'w,x', 'r,w,x'),"
              + " pt = IF(id % 17 = 0, NULL, POINT(id, id / 3)),"
              + " mask = IF(id % 17 = 0, NULL, ~id),"
              + " body = IF(id % 50 = 1, REPEAT(CONCAT('ü😀 ', id), 20000), CONCAT('body ', id))");
    }
  }

  private static void setOrNull(PreparedStatement ps, int index, Object value, int type)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, type);
    } else {
      ps.setObject(index, value, type);
    }
  }

  private void target(String... statements) throws SQLException {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  private VerifyResult verify(VerifyLevel level, RunAnomalies anomalies) throws Exception {
    return Verifier.between(sourcePool, targetPool, source.name())
        .withLevel(level)
        .withParallelism(4)
        .withAnomalies(anomalies)
        .verify(plans, chunks);
  }

  private VerifyResult verify(VerifyLevel level) throws Exception {
    return verify(level, RunAnomalies.NONE);
  }

  /** Anomalies for one table, the same for each of its chunks. */
  private static RunAnomalies anomalies(String table, ChunkAnomalies chunk, long rejected) {
    return new RunAnomalies() {
      @Override
      public ChunkAnomalies forChunk(String t, int chunkNumber) {
        return t.equals(table) ? chunk : ChunkAnomalies.NONE;
      }

      @Override
      public long rejectedRows(String t) {
        return t.equals(table) ? rejected : 0;
      }
    };
  }

  // --- tests ----------------------------------------------------------------------------------

  private void migrateTypes() throws Exception {
    migrate("types", VerifierIT::fillTypes, 0);
  }

  private static TableResult table(VerifyResult result, String name) {
    TableResult t = result.table(name);
    assertTrue(t != null, name + " was verified: " + result);
    return t;
  }

  @Test
  void aCorrectMigrationPassesAtBothLevels() throws Exception {
    migrateTypes();
    assertTrue(chunks.get(TYPES).size() >= 5, "several chunks: " + chunks.get(TYPES));

    VerifyResult checksums = verify(VerifyLevel.CHECKSUMS);
    assertTrue(checksums.passed(), checksums.toString());
    TableResult types = table(checksums, TYPES);
    assertEquals(TableStatus.OK, types.status(), types.toString());
    assertEquals(ROWS, types.sourceRows());
    assertEquals(ROWS, types.targetRows());
    assertEquals(chunks.get(TYPES).size(), types.chunksChecked());
    assertEquals(0, types.chunksDiffering());
    for (ChunkResult chunk : types.chunks()) {
      assertEquals(chunk.sourceChecksum(), chunk.targetChecksum(), chunk.toString());
      assertEquals(chunk.sourceRows(), chunk.targetRows(), chunk.toString());
    }
    TableResult nokey = table(checksums, NOKEY);
    assertEquals(TableStatus.OK, nokey.status(), nokey.toString());
    assertEquals(6, nokey.sourceRows());
    assertEquals("public." + NOKEY, nokey.targetTable());

    VerifyResult counts = verify(VerifyLevel.COUNTS);
    assertTrue(counts.passed(), counts.toString());
    assertEquals(ROWS, table(counts, TYPES).targetRows());
    assertEquals(6, table(counts, NOKEY).targetRows());
  }

  @Test
  void aRowDeletedInTheTargetIsNamedByTableAndKey() throws Exception {
    migrateTypes();
    target("DELETE FROM " + TYPES + " WHERE id = 137");

    VerifyResult result = verify(VerifyLevel.CHECKSUMS);
    assertFalse(result.passed());
    TableResult types = table(result, TYPES);
    assertEquals(TableStatus.MISMATCH, types.status());
    assertEquals(
        List.of(new Difference("id=137", "missing from the target")), types.firstDifferences());
    assertEquals(1, types.chunksDiffering());
    assertTrue(types.message().contains("id=137"), types.message());
    assertEquals(TableStatus.OK, table(result, NOKEY).status(), "the other table is unaffected");

    VerifyResult counts = verify(VerifyLevel.COUNTS);
    TableResult counted = table(counts, TYPES);
    assertEquals(TableStatus.MISMATCH, counted.status());
    assertEquals(ROWS, counted.sourceRows());
    assertEquals(ROWS - 1, counted.targetRows());
    assertTrue(
        counted.message().contains("499") && counted.message().contains("500"), counted.message());

    // The run's own report saying it refused that row accounts for it.
    RunAnomalies refused = anomalies(TYPES, ChunkAnomalies.builder().rejected("id=137").build(), 1);
    VerifyResult accounted = verify(VerifyLevel.CHECKSUMS, refused);
    assertTrue(accounted.passed(), accounted.toString());
    assertEquals(TableStatus.ACCOUNTED, table(accounted, TYPES).status());
    assertEquals(1, table(accounted, TYPES).differencesAccounted());
    assertEquals(ROWS - 1, table(accounted, TYPES).expectedTargetRows());
    VerifyResult countsAccounted = verify(VerifyLevel.COUNTS, refused);
    assertTrue(countsAccounted.passed(), countsAccounted.toString());
    assertEquals(TableStatus.ACCOUNTED, table(countsAccounted, TYPES).status());
  }

  @Test
  void aValueChangedInTheTargetIsNamedByKeyAndColumn() throws Exception {
    migrateTypes();
    target(
        "UPDATE " + TYPES + " SET name = name || 'x' WHERE id = 250",
        // The smallest changes: one microsecond, one float ulp, one JSON value.
        "UPDATE " + TYPES + " SET at = at + interval '1 microsecond' WHERE id = 301",
        "UPDATE " + TYPES + " SET ratio = (ratio::float8 * (1 + 1e-7))::real WHERE id = 302",
        "UPDATE " + TYPES + " SET doc = jsonb_set(doc, '{z}', '0') WHERE id = 303");

    VerifyResult result = verify(VerifyLevel.CHECKSUMS);
    TableResult types = table(result, TYPES);
    assertEquals(TableStatus.MISMATCH, types.status());
    assertEquals(
        List.of(
            new Difference("id=250", "column name differs"),
            new Difference("id=301", "column at differs"),
            new Difference("id=302", "column ratio differs"),
            new Difference("id=303", "column doc differs")),
        types.firstDifferences());
    assertEquals(4, types.differencesUnaccounted());
    assertTrue(verify(VerifyLevel.COUNTS).passed(), "counts cannot see a changed value");

    // Values are never printed: the changed name does not appear in the result.
    assertFalse(result.toString().contains("naïve"), result.toString());

    // The run's report saying it changed a value accounts for exactly that value.
    RunAnomalies changed =
        anomalies(
            TYPES,
            ChunkAnomalies.builder()
                .changed("id=250", "name")
                .changed("id=301", "at")
                .changed("id=302", "ratio")
                .changed("id=303", "doc")
                .build(),
            0);
    VerifyResult accounted = verify(VerifyLevel.CHECKSUMS, changed);
    assertTrue(accounted.passed(), accounted.toString());
    assertEquals(TableStatus.ACCOUNTED, table(accounted, TYPES).status());
    assertEquals(4, table(accounted, TYPES).differencesAccounted());

    RunAnomalies otherColumn =
        anomalies(TYPES, ChunkAnomalies.builder().changed("id=250", "legacy").build(), 0);
    assertFalse(verify(VerifyLevel.CHECKSUMS, otherColumn).passed());
  }

  @Test
  void anExtraRowInTheTargetIsNamed() throws Exception {
    migrateTypes();
    target(
        "INSERT INTO " + TYPES + " (id, flag, name) VALUES (100000, 0, 'intruder')",
        "INSERT INTO " + TYPES + " (id, flag, name) VALUES (-1, 0, 'intruder')");

    VerifyResult result = verify(VerifyLevel.CHECKSUMS);
    TableResult types = table(result, TYPES);
    assertEquals(TableStatus.MISMATCH, types.status());
    assertEquals(
        List.of(
            new Difference("id=-1", "extra row in the target"),
            new Difference("id=100000", "extra row in the target")),
        types.firstDifferences());
    assertEquals(ROWS + 2, types.targetRows());
    assertEquals(2, types.chunksDiffering(), "the first and the last chunk, both open-ended");

    TableResult counted = table(verify(VerifyLevel.COUNTS), TYPES);
    assertEquals(TableStatus.MISMATCH, counted.status());
    assertEquals(ROWS + 2, counted.targetRows());
  }

  @Test
  void aChangeInATableWithoutAKeyMakesTheTableDiffer() throws Exception {
    migrateTypes();
    target(
        "UPDATE "
            + NOKEY
            + " SET b = 'three' WHERE ctid = (SELECT ctid FROM "
            + NOKEY
            + " WHERE a = 3)");

    VerifyResult result = verify(VerifyLevel.CHECKSUMS);
    assertFalse(result.passed());
    TableResult nokey = table(result, NOKEY);
    assertEquals(TableStatus.MISMATCH, nokey.status());
    assertTrue(nokey.message().contains("cannot be named"), nokey.message());
    assertEquals(6, nokey.sourceRows());
    assertEquals(6, nokey.targetRows());
    assertEquals(TableStatus.OK, table(result, TYPES).status());
    assertTrue(verify(VerifyLevel.COUNTS).passed(), "the counts still agree");

    // A duplicate row removed is seen too, though the counts of distinct rows agree.
    target(
        "UPDATE " + NOKEY + " SET b = NULL WHERE a = 3",
        "DELETE FROM " + NOKEY + " WHERE ctid = (SELECT min(ctid) FROM " + NOKEY + " WHERE a = 2)",
        "INSERT INTO " + NOKEY + " VALUES (1, 'one')");
    TableResult swapped = table(verify(VerifyLevel.CHECKSUMS), NOKEY);
    assertEquals(TableStatus.MISMATCH, swapped.status(), swapped.toString());

    // Anomalies cannot be matched to rows without a key: the message says so.
    RunAnomalies reported =
        anomalies(NOKEY, ChunkAnomalies.builder().changed("#4", "b").build(), 0);
    TableResult withAnomalies = table(verify(VerifyLevel.CHECKSUMS, reported), NOKEY);
    assertEquals(TableStatus.MISMATCH, withAnomalies.status());
    assertTrue(withAnomalies.message().contains("reported 1"), withAnomalies.message());
  }

  @Test
  void whatTheRunRefusedOrChangedIsAccountedByItsAnomalies() throws Exception {
    migrate(
        "odd",
        c -> {
          try (Statement st = c.createStatement()) {
            st.execute(
                "CREATE TABLE mdl_odd (id BIGINT NOT NULL PRIMARY KEY, txt VARCHAR(20),"
                    + " at DATETIME NULL) DEFAULT CHARSET=utf8mb4");
            for (int id = 1; id <= 250; id++) {
              String txt = id == 3 ? "CONCAT('a', CHAR(0), 'b')" : "'row " + id + "'";
              String at = id == 204 ? "'0000-00-00 00:00:00'" : "'2024-01-01 10:00:00'";
              st.execute("INSERT INTO mdl_odd VALUES (" + id + ", " + txt + ", " + at + ")");
            }
          }
        },
        5, // rows were refused
        "--on-nul",
        "fail",
        "--max-rejects",
        "10");

    VerifyResult bare = verify(VerifyLevel.CHECKSUMS);
    TableResult odd = table(bare, "mdl_odd");
    assertEquals(TableStatus.MISMATCH, odd.status(), odd.toString());
    assertEquals(
        List.of(
            new Difference("id=3", "missing from the target"),
            new Difference("id=204", "column at differs")),
        odd.firstDifferences());

    // What the journal says, one chunk at a time: chunk 0 holds id=3, chunk 2 holds id=204.
    Map<Integer, ChunkAnomalies> byChunk =
        Map.of(
            0, ChunkAnomalies.builder().rejected("id=3").build(),
            2, ChunkAnomalies.builder().changed("id=204", "at").build());
    RunAnomalies journal =
        new RunAnomalies() {
          @Override
          public ChunkAnomalies forChunk(String table, int chunkNumber) {
            return table.equals("mdl_odd")
                ? byChunk.getOrDefault(chunkNumber, ChunkAnomalies.NONE)
                : ChunkAnomalies.NONE;
          }

          @Override
          public long rejectedRows(String table) {
            return table.equals("mdl_odd") ? 1 : 0;
          }
        };
    assertEquals(3, chunks.get("mdl_odd").size(), chunks.toString());
    VerifyResult accounted = verify(VerifyLevel.CHECKSUMS, journal);
    assertTrue(accounted.passed(), accounted.toString());
    TableResult oddAccounted = table(accounted, "mdl_odd");
    assertEquals(TableStatus.ACCOUNTED, oddAccounted.status());
    assertEquals(2, oddAccounted.differencesAccounted());
    assertEquals(249, oddAccounted.expectedTargetRows());
    assertEquals(249, oddAccounted.targetRows());

    assertFalse(verify(VerifyLevel.COUNTS).passed(), "one row fewer, unaccounted");
    VerifyResult counts = verify(VerifyLevel.COUNTS, journal);
    assertTrue(counts.passed(), counts.toString());
    assertEquals(TableStatus.ACCOUNTED, table(counts, "mdl_odd").status());
  }

  @Test
  void aTableThatCannotBeReadIsAnErrorAndTheOthersAreStillVerified() throws Exception {
    migrateTypes();
    target("DROP TABLE " + NOKEY);
    target("ALTER TABLE " + TYPES + " RENAME COLUMN legacy TO old");

    VerifyResult result = verify(VerifyLevel.CHECKSUMS);
    assertFalse(result.passed());
    TableResult nokey = table(result, NOKEY);
    assertEquals(TableStatus.ERROR, nokey.status());
    assertTrue(nokey.message().contains(NOKEY), nokey.message());
    TableResult types = table(result, TYPES);
    assertEquals(TableStatus.ERROR, types.status());
    assertTrue(types.message().startsWith(chunks.get(TYPES).size() + " of "), types.message());
    assertTrue(types.message().contains(TYPES + "["), "names the chunk: " + types.message());

    // The source connections left mid-chunk were given up, not drained into the pool.
    target("ALTER TABLE " + TYPES + " RENAME COLUMN old TO legacy");
    TableResult again = table(verify(VerifyLevel.CHECKSUMS), TYPES);
    assertEquals(TableStatus.OK, again.status(), again.toString());
  }

  @Test
  void aDataOnlyTargetOfOtherTypesIsComparedByValue() throws Exception {
    migrate(
        "dataonly",
        c -> {
          try (Statement st = c.createStatement()) {
            st.execute(
                "CREATE TABLE mdl_flags (id BIGINT NOT NULL PRIMARY KEY, flag TINYINT(1),"
                    + " onoff BIT(1), t TIME, f FLOAT, y YEAR, d DATETIME, j LONGTEXT,"
                    + " n INT UNSIGNED)");
            for (int id = 1; id <= 150; id++) {
              st.execute(
                  "INSERT INTO mdl_flags VALUES ("
                      + id
                      + ", "
                      + (id % 2)
                      + ", b'"
                      + (id % 3 == 0 ? 1 : 0)
                      + "', '"
                      + String.format(Locale.ROOT, "%02d:%02d:%02d", id % 24, id % 60, id % 59)
                      + "', "
                      + (id / 7.0)
                      + ", "
                      + (1901 + id)
                      + ", '2024-05-06 07:08:09', '{\"b\": "
                      + id
                      + ", \"a\": 1.50}', "
                      + (4294967295L - id)
                      + ")");
            }
          }
        },
        c -> {
          try (Statement st = c.createStatement()) {
            st.execute(
                "CREATE TABLE mdl_flags (id bigint PRIMARY KEY, flag smallint, onoff boolean,"
                    + " t time, f double precision, y smallint, d timestamp, j jsonb,"
                    + " n bigint)");
          }
        },
        0);
    VerifyResult result = verify(VerifyLevel.CHECKSUMS);
    assertTrue(result.passed(), result.toString());
    assertEquals(TableStatus.OK, table(result, "mdl_flags").status());
    assertEquals(2, table(result, "mdl_flags").chunksChecked());

    target(
        "UPDATE mdl_flags SET onoff = NOT onoff WHERE id = 30",
        "UPDATE mdl_flags SET t = t + interval '1 second' WHERE id = 31",
        "UPDATE mdl_flags SET j = j || '{\"c\": 1}' WHERE id = 140");
    TableResult changed = table(verify(VerifyLevel.CHECKSUMS), "mdl_flags");
    assertEquals(
        List.of(
            new Difference("id=30", "column onoff differs"),
            new Difference("id=31", "column t differs"),
            new Difference("id=140", "column j differs")),
        changed.firstDifferences());
  }
}
