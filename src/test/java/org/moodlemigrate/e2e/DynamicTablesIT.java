package org.moodlemigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.MySqlDumpLoader;
import org.moodlemigrate.testing.PgDumpLoader;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The dynamic-table pass on a real site: the Moodle fixture plus 30 Totara-style {@code
 * mdl_appraisal_quest_data_<n>} tables (created at run time by Totara, so never by an installer),
 * migrated into the schema Moodle's installer made, with {@code --owner}. The dynamic tables must
 * come out created, owned, complete, keyed and indexed, with a sequence that hands out new ids.
 */
@RequiresFixtures
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynamicTablesIT {
  private static final int TABLES = 30;

  private TestDatabase source;
  private TestDatabase target;
  private String owner;
  private CliRun run;
  private JsonNode report;
  private final Map<String, Long> autoIncrement = new HashMap<>();

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    source = TestServers.mysql().createDatabase("dyn_src");
    MySqlDumpLoader.load(Fixtures.mariadbDump(), source);
    target = TestServers.postgresql().createDatabase("dyn_tgt");
    PgDumpLoader.load(Fixtures.pgSchema(), target);
    owner = "mmt_dyn_owner_" + Long.toHexString(System.nanoTime());
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE \"" + owner + "\" NOLOGIN");
    }
    createDynamicTables();
    Path reportFile = dir.resolve("report.json");
    run =
        CliRun.process(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--owner",
            owner,
            "--report",
            reportFile.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    report = new ObjectMapper().readTree(Files.readString(reportFile));
  }

  /** Varied column sets, as Totara builds them from each appraisal's questions. */
  private void createDynamicTables() throws SQLException {
    Random random = new Random(20261121);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      for (int n = 1; n <= TABLES; n++) {
        String t = "mdl_appraisal_quest_data_" + n;
        StringBuilder ddl =
            new StringBuilder(
                "CREATE TABLE `"
                    + t
                    + "` ("
                    + "`id` BIGINT(10) NOT NULL AUTO_INCREMENT,"
                    + "`appraisalroleassignmentid` BIGINT(10) NOT NULL,"
                    + "`appraisalstageid` BIGINT(10) NOT NULL,"
                    + "`timecompleted` BIGINT(10) NOT NULL DEFAULT 0,"
                    + "`data_1` TINYINT(1) NOT NULL DEFAULT 0,"
                    + "`data_2` LONGTEXT,"
                    + "`data_3` DECIMAL(10,2) DEFAULT NULL,"
                    + "`data_4` VARCHAR(255) NOT NULL DEFAULT '',");
        int extra = n % 4;
        for (int e = 0; e < extra; e++) {
          ddl.append("`data_" + (5 + e) + "` ")
              .append(e % 2 == 0 ? "BIGINT(10) DEFAULT NULL," : "TINYINT(2) NOT NULL DEFAULT -1,");
        }
        ddl.append(
            "PRIMARY KEY (`id`),"
                + "KEY `mdl_apprquesdata"
                + n
                + "_rol_ix` (`appraisalroleassignmentid`),"
                + "UNIQUE KEY `mdl_apprquesdata"
                + n
                + "_rolsta_uix` (`appraisalroleassignmentid`, `appraisalstageid`)) ENGINE=InnoDB"
                + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Appraisal "
                + n
                + " answers'");
        st.execute(ddl.toString());
        int rows = 1000 + random.nextInt(3000);
        for (int first = 1; first <= rows; first += 500) {
          StringBuilder insert = new StringBuilder("INSERT INTO `" + t + "` VALUES ");
          for (int id = first; id < Math.min(first + 500, rows + 1); id++) {
            insert
                .append(id == first ? "" : ",")
                .append('(')
                .append(id)
                .append(',')
                .append(id)
                .append(',')
                .append(id % 3)
                .append(',')
                .append(1_700_000_000L + id)
                .append(',')
                .append(id % 3)
                .append(",'Réponse ")
                .append(id)
                .append(" 😀\\nligne\\t2'")
                .append(',')
                .append(id % 5 == 0 ? "NULL" : (id % 100) + "." + (id % 7) + "5")
                .append(",'x")
                .append(id)
                .append('\'');
            for (int e = 0; e < extra; e++) {
              insert
                  .append(',')
                  .append(e % 2 == 0 ? Long.toString(id * 1000L) : Integer.toString(id % 5 - 1));
            }
            insert.append(')');
          }
          st.execute(insert.toString());
        }
        // Some answers were deleted, the last ones among them: their ids must not come back.
        st.execute("DELETE FROM `" + t + "` WHERE id > " + (rows - 10) + " OR id % 97 = 0");
        long next = rows + 1 + random.nextInt(50);
        st.execute("ALTER TABLE `" + t + "` AUTO_INCREMENT = " + next);
        autoIncrement.put(t, next);
      }
    }
  }

  @AfterAll
  void drop() throws Exception {
    if (target != null) {
      target.close();
      try (TestDatabase other = TestServers.postgresql().createDatabase("dyn_cleanup");
          Connection c = other.connect();
          Statement st = c.createStatement()) {
        st.execute("DROP ROLE IF EXISTS \"" + owner + "\"");
      }
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  void theReportMarksTheDynamicTablesCreatedAndTheOthersLoaded() {
    assertEquals(494, report.get("totals").get("loaded").asInt());
    assertEquals(TABLES, report.get("totals").get("created").asInt());
    assertEquals(494 + TABLES, report.get("totals").get("copied").asInt());
    for (JsonNode t : report.get("tables")) {
      String name = t.get("name").asText();
      assertEquals(
          name.startsWith("mdl_appraisal_quest_data_") ? "created" : "loaded",
          t.get("mode").asText(),
          name);
      assertEquals("copied", t.get("status").asText(), name);
    }
  }

  @Test
  void dynamicTablesExistInPublicOwnedByTheOwnerWithKeysAndIndexes() throws Exception {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      for (int n = 1; n <= TABLES; n++) {
        String t = "mdl_appraisal_quest_data_" + n;
        try (ResultSet rs =
            st.executeQuery(
                "SELECT pg_get_userbyid(c.relowner), obj_description(c.oid, 'pg_class') FROM"
                    + " pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ="
                    + " 'public' AND c.relname = '"
                    + t
                    + "'")) {
          assertTrue(rs.next(), t + " exists in public");
          assertEquals(owner, rs.getString(1), t);
          assertEquals("Appraisal " + n + " answers", rs.getString(2));
        }
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs =
            st.executeQuery(
                "SELECT regexp_replace(indexdef, ' ON public\\.\\S+', '') FROM pg_indexes"
                    + " WHERE schemaname = 'public' AND tablename = '"
                    + t
                    + "'")) {
          while (rs.next()) {
            indexes.add(rs.getString(1));
          }
        }
        indexes.sort(null);
        assertEquals(
            List.of(
                "CREATE INDEX mdl_apprquesdata"
                    + n
                    + "_rol_ix USING btree (appraisalroleassignmentid)",
                "CREATE UNIQUE INDEX " + t + "_pkey USING btree (id)",
                "CREATE UNIQUE INDEX mdl_apprquesdata"
                    + n
                    + "_rolsta_uix USING btree (appraisalroleassignmentid, appraisalstageid)"),
            indexes);
        try (ResultSet rs =
            st.executeQuery(
                "SELECT pg_get_userbyid(s.relowner) FROM pg_class s WHERE s.relname = '"
                    + t
                    + "_id_seq'")) {
          assertTrue(rs.next());
          assertEquals(owner, rs.getString(1));
        }
      }
    }
  }

  @Test
  @Order(1)
  void everyRowAndValueArrived() throws Exception {
    try (Connection s = source.connect();
        Connection t = target.connect()) {
      for (int n = 1; n <= TABLES; n++) {
        String table = "mdl_appraisal_quest_data_" + n;
        List<String> expected = rows(s, "SELECT * FROM `" + table + "` ORDER BY id");
        assertTrue(expected.size() > 900, table + " has rows");
        assertEquals(expected, rows(t, "SELECT * FROM \"" + table + "\" ORDER BY id"), table);
      }
      assertEquals(
          List.of("0", "1", "2"),
          rows(t, "SELECT DISTINCT data_1 FROM mdl_appraisal_quest_data_1 ORDER BY 1"),
          "tinyint(1) flags keep their 2s");
    }
  }

  @Test
  @Order(2) // writes a row: after the comparisons
  void theSequenceHandsOutAnIdAboveMaxAndAutoIncrement() throws Exception {
    try (Connection s = source.connect();
        Connection t = target.connect();
        Statement ss = s.createStatement();
        Statement ts = t.createStatement()) {
      for (int n = 1; n <= TABLES; n++) {
        String table = "mdl_appraisal_quest_data_" + n;
        long max;
        try (ResultSet rs = ss.executeQuery("SELECT MAX(id) FROM `" + table + "`")) {
          rs.next();
          max = rs.getLong(1);
        }
        try (ResultSet rs =
            ts.executeQuery(
                "INSERT INTO "
                    + table
                    + " (appraisalroleassignmentid, appraisalstageid) VALUES (-1, -1) RETURNING id,"
                    + " data_1, data_4, timecompleted")) {
          rs.next();
          long id = rs.getLong(1);
          assertTrue(id > max, table + ": new id " + id + " above max " + max);
          assertTrue(
              id >= autoIncrement.get(table),
              table + ": new id " + id + " not below AUTO_INCREMENT");
          assertEquals(0, rs.getInt(2), "defaults were created");
          assertEquals("", rs.getString(3));
          assertEquals(0, rs.getLong(4));
        }
      }
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
