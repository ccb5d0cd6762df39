package org.moodlemigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.MySqlDumpLoader;
import org.moodlemigrate.testing.PgDumpLoader;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * {@code check} and {@code plan} on the real Moodle fixture and a fresh installer schema: no error,
 * all 494 tables planned for loading with their exact row counts, and nothing written anywhere.
 */
@RequiresFixtures
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixturePreflightIT {
  private TestDatabase source;
  private TestDatabase target;

  @TempDir Path dir;

  @BeforeAll
  void loadFixture() throws Exception {
    source = TestServers.mysql().createDatabase("pre_src");
    MySqlDumpLoader.load(Fixtures.mariadbDump(), source);
    target = TestServers.postgresql().createDatabase("pre_tgt");
    PgDumpLoader.load(Fixtures.pgSchema(), target);
  }

  @AfterAll
  void drop() throws SQLException {
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  private JsonNode cli(String command, int exit, String... extra) throws Exception {
    Path report = dir.resolve(command + ".json");
    String[] args = new String[6 + extra.length];
    System.arraycopy(
        new String[] {
          command, "--source", source.uri(), "--target", target.uri(), "--report=" + report
        },
        0,
        args,
        0,
        6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    CliRun run =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            args);
    assertEquals(exit, run.exitCode(), run.transcript());
    return new ObjectMapper().readTree(Files.readString(report));
  }

  @Test
  void checkFindsNoErrorOnTheCleanFixture() throws Exception {
    JsonNode report = cli("check", 0);
    assertEquals("passed", report.get("status").asText());
    assertEquals(0, report.get("errors").asInt(), report.get("findings").toString());
    boolean moodle = false;
    for (JsonNode f : report.get("findings")) {
      moodle |=
          f.get("id").asText().equals("moodle-site") && f.get("message").asText().contains("4.5+");
    }
    assertTrue(moodle, "the site is recognised as Moodle 4.5+");
    assertNothingWritten();
  }

  @Test
  void planListsEveryTableWithItsModeAndExactRowCount() throws Exception {
    JsonNode plan = cli("plan", 0, "--exact-counts");
    assertEquals(494, plan.get("tables").size());
    assertEquals(494, plan.get("totals").get("load").asInt());
    assertEquals(12_165, plan.get("totals").get("rows").asLong());
    Map<String, Long> counts = new HashMap<>();
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      for (JsonNode t : plan.get("tables")) {
        try (ResultSet rs =
            st.executeQuery("SELECT COUNT(*) FROM `" + t.get("name").asText() + "`")) {
          rs.next();
          counts.put(t.get("name").asText(), rs.getLong(1));
        }
      }
    }
    for (JsonNode t : plan.get("tables")) {
      assertEquals("load", t.get("mode").asText(), t.toString());
      assertTrue(t.get("exact").asBoolean());
      assertEquals(counts.get(t.get("name").asText()), t.get("rows").asLong(), t.toString());
      assertEquals(1, t.get("chunks").asInt());
    }
    assertTrue(plan.get("estimate").get("seconds").asDouble() > 0);
    assertTrue(plan.get("estimate").get("basis").asText().contains("sample"));
    assertNothingWritten();
  }

  private void assertNothingWritten() throws SQLException {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM pg_namespace WHERE nspname NOT IN ('public',"
                  + " 'information_schema') AND nspname NOT LIKE 'pg\\_%'")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "no journal or other schema");
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM mdl_config")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "the schema-only target is as empty as before");
      }
    }
  }
}
