package org.moodlemigrate.casts;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Every built-in cast rule, through real servers: a source table per case with the source type and
 * its extreme values, a target table with the target type, one run, then every value compared with
 * what PostgreSQL holds ({@code ::text}), and every refused value's message checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CastRulesRoundTripIT {
  /**
   * A case: values as MySQL literals, expected values as PostgreSQL {@code ::text} ("null" for
   * NULL).
   */
  record Case(
      String table,
      String rule,
      String sourceType,
      String targetType,
      List<String> values,
      List<String> expected) {}

  /**
   * A value that must be refused (row 2, after a good row 1), with words the failure message must
   * hold.
   */
  record Refusal(
      String table,
      String sourceType,
      String targetType,
      String good,
      String value,
      String... mentions) {}

  private static final String EMOJI = "héllo wörld 😀 𠮷 עברית e\u0301";

  private static final List<Case> CASES =
      List.of(
          new Case(
              "c_tinyint",
              "integer-to-integer",
              "tinyint(1)",
              "smallint",
              List.of("2", "-1", "127", "-128", "0", "NULL"),
              List.of("2", "-1", "127", "-128", "0", "null")),
          new Case(
              "c_int_unsigned",
              "integer-to-integer",
              "int(10) unsigned",
              "bigint",
              List.of("0", "4294967295"),
              List.of("0", "4294967295")),
          new Case(
              "c_bigint_unsigned",
              "integer-to-integer",
              "bigint(20) unsigned",
              "numeric(20,0)",
              List.of("18446744073709551615", "0"),
              List.of("18446744073709551615", "0")),
          new Case(
              "c_bigint",
              "integer-to-integer",
              "bigint(10)",
              "bigint",
              List.of("-9223372036854775808", "9223372036854775807"),
              List.of("-9223372036854775808", "9223372036854775807")),
          new Case(
              "c_mediumint",
              "integer-to-integer",
              "mediumint(6)",
              "integer",
              List.of("-8388608", "8388607"),
              List.of("-8388608", "8388607")),
          new Case(
              "c_int_double",
              "integer-to-float",
              "int(10)",
              "double precision",
              List.of("-2147483648", "123"),
              List.of("-2147483648", "123")),
          new Case(
              "c_bigint_real",
              "integer-to-float",
              "bigint(10)",
              "real",
              List.of("16777216", "-5"),
              List.of("1.6777216e+07", "-5")),
          new Case(
              "c_bool",
              "integer-to-boolean",
              "tinyint(1)",
              "boolean",
              List.of("0", "1", "NULL"),
              List.of("false", "true", "null")),
          new Case(
              "c_int_text",
              "integer-to-text",
              "bigint(10)",
              "varchar(20)",
              List.of("12345", "-1"),
              List.of("12345", "-1")),
          new Case(
              "c_year_text",
              "integer-to-text",
              "year(4)",
              "text",
              List.of("2024"),
              List.of("2024")),
          new Case(
              "c_year",
              "year-to-integer",
              "year(4)",
              "smallint",
              List.of("1901", "2155", "0"),
              List.of("1901", "2155", "0")),
          new Case(
              "c_decimal",
              "decimal-to-numeric",
              "decimal(10,5)",
              "numeric(10,5)",
              List.of("12345.67891", "-0.00001", "0"),
              List.of("12345.67891", "-0.00001", "0.00000")),
          new Case(
              "c_decimal_narrowed",
              "decimal-to-numeric",
              "decimal(20,10)",
              "numeric(10,5)",
              List.of("12345.12345", "-1.5"),
              List.of("12345.12345", "-1.50000")),
          new Case(
              "c_decimal_bigint",
              "decimal-to-numeric",
              "decimal(10,0)",
              "bigint",
              List.of("1234567890", "-7"),
              List.of("1234567890", "-7")),
          new Case(
              "c_decimal_text",
              "decimal-to-text",
              "decimal(12,7)",
              "text",
              List.of("12345.1234567"),
              List.of("12345.1234567")),
          new Case(
              "c_float",
              "float-to-float",
              "float(11,4)",
              "real",
              List.of("1.5", "-1234.5678"),
              List.of("1.5", "-1234.5677")),
          new Case(
              "c_float_exact",
              "float-to-float",
              "float",
              "real",
              List.of("1.0000001", "3.4028234e38", "1.4e-45", "-0.1"),
              List.of("1.0000001", "3.4028235e+38", "1e-45", "-0.1")),
          new Case(
              "c_float_double",
              "float-to-float",
              "float",
              "double precision",
              List.of("0.1", "1.0000001"),
              List.of("0.1", "1.0000001")),
          new Case(
              "c_double",
              "float-to-float",
              "double",
              "double precision",
              List.of("0.1", "1e300", "-2.5e-300", "3.141592653589793"),
              List.of("0.1", "1e+300", "-2.5e-300", "3.141592653589793")),
          new Case(
              "c_double_numeric",
              "float-to-float",
              "double",
              "numeric(20,10)",
              List.of("0.25"),
              List.of("0.2500000000")),
          new Case(
              "c_text",
              "text-to-text",
              "varchar(255)",
              "varchar(255)",
              List.of(
                  "'" + EMOJI + "'",
                  "'tab\\there'",
                  "'back\\\\slash'",
                  "'line\\nbreak\\r\\n'",
                  "'\\\\.'",
                  "''",
                  "NULL"),
              List.of(EMOJI, "tab\there", "back\\slash", "line\nbreak\r\n", "\\.", "", "null")),
          new Case(
              "c_longtext",
              "text-to-text",
              "longtext",
              "text",
              List.of("REPEAT('ü', 100000)", "'<p>Moodle</p>'"),
              List.of("ü".repeat(100_000), "<p>Moodle</p>")),
          new Case(
              "c_char",
              "text-to-text",
              "char(2)",
              "char(2)",
              List.of("'ab'", "'é'"),
              List.of("ab", "é")),
          new Case(
              "c_enum",
              "text-to-text",
              "enum('draft','final','it''s')",
              "varchar(10)",
              List.of("'draft'", "'it''s'"),
              List.of("draft", "it's")),
          new Case(
              "c_set",
              "text-to-text",
              "set('read','write')",
              "text",
              List.of("'read,write'", "''"),
              List.of("read,write", "")),
          new Case(
              "c_latin1",
              "text-to-text",
              "varchar(50) CHARACTER SET latin1",
              "varchar(50)",
              List.of("'café crème ÿ'"),
              List.of("café crème ÿ")),
          new Case(
              "c_json_text",
              "text-to-text",
              "json",
              "text",
              List.of("'{\"a\": 1}'"),
              List.of("{\"a\": 1}")),
          new Case(
              "c_json",
              "text-to-json",
              "json",
              "jsonb",
              List.of("'{\"b\": [1, 2], \"a\": \"ü\"}'"),
              List.of("{\"a\": \"ü\", \"b\": [1, 2]}")),
          new Case(
              "c_blob",
              "binary-to-bytea",
              "longblob",
              "bytea",
              List.of(allBytes(), "''", "NULL"),
              List.of(allBytesHex(), "\\x", "null")),
          new Case(
              "c_varbinary",
              "binary-to-bytea",
              "varbinary(16)",
              "bytea",
              List.of("0x00FF7F80"),
              List.of("\\x00ff7f80")),
          new Case(
              "c_date",
              "date-to-date",
              "date",
              "date",
              List.of("'2024-02-29'", "'1000-01-01'", "'9999-12-31'"),
              List.of("2024-02-29", "1000-01-01", "9999-12-31")),
          new Case(
              "c_datetime",
              "datetime-to-timestamp",
              "datetime(6)",
              "timestamp",
              List.of(
                  "'2024-03-31 02:30:00'", "'2024-01-02 03:04:05.123456'", "'1970-01-01 00:00:00'"),
              List.of("2024-03-31 02:30:00", "2024-01-02 03:04:05.123456", "1970-01-01 00:00:00")),
          new Case(
              "c_timestamp",
              "datetime-to-timestamp",
              "timestamp NULL",
              "timestamp",
              List.of("'2024-06-01 12:00:00'"),
              List.of("2024-06-01 12:00:00")),
          new Case(
              "c_datetime_tz",
              "datetime-to-timestamptz",
              "datetime",
              "timestamptz",
              List.of("'2024-06-01 12:00:00'"),
              List.of("2024-06-01 12:00:00+00")),
          new Case(
              "c_time",
              "time-to-time",
              "time",
              "time",
              List.of("'12:34:56'", "'00:00:00'"),
              List.of("12:34:56", "00:00:00")),
          new Case(
              "c_time_interval",
              "time-to-time",
              "time",
              "interval",
              List.of("'838:59:59'", "'-12:00:00'", "'00:00:01'"),
              List.of("838:59:59", "-12:00:00", "00:00:01")),
          new Case(
              "c_bit",
              "bit-to-bit",
              "bit(8)",
              "bit(8)",
              List.of("b'00000101'", "b'11111111'"),
              List.of("00000101", "11111111")),
          new Case(
              "c_bit_int",
              "bit-to-number",
              "bit(10)",
              "integer",
              List.of("b'1111111111'", "b'0'"),
              List.of("1023", "0")),
          new Case(
              "c_bit_bool",
              "bit-to-number",
              "bit(1)",
              "boolean",
              List.of("b'1'", "b'0'"),
              List.of("true", "false")),
          new Case(
              "c_point",
              "spatial-to-bytea",
              "point",
              "bytea",
              List.of("ST_GeomFromText('POINT(1 2)')"),
              List.of("\\x000000000101000000000000000000f03f0000000000000040")));

  private static final List<Refusal> REFUSALS =
      List.of(
          new Refusal(
              "r_range",
              "int(10) unsigned",
              "integer",
              "NULL",
              "4294967295",
              "4294967295",
              "integer"),
          new Refusal("r_bool", "tinyint(1)", "boolean", "NULL", "2", "value 2", "boolean"),
          new Refusal(
              "r_float_exact",
              "bigint(10)",
              "double precision",
              "NULL",
              "9007199254740993",
              "9007199254740993"),
          new Refusal(
              "r_decimals",
              "decimal(20,10)",
              "numeric(10,5)",
              "NULL",
              "1.123456",
              "1.123456",
              "rounded"),
          new Refusal("r_digits", "decimal(20,2)", "numeric(5,2)", "NULL", "12345.00", "12345.00"),
          new Refusal(
              "r_length",
              "varchar(20)",
              "varchar(5)",
              "NULL",
              "'toolong'",
              "7 characters",
              "character varying(5)"),
          new Refusal(
              "r_zero_date",
              "date",
              "date NOT NULL",
              "'2024-01-01'",
              "'0000-00-00'",
              "zero date",
              "NOT NULL"),
          new Refusal(
              "r_zero_datetime",
              "datetime",
              "timestamp NOT NULL",
              "'2024-01-01 00:00:00'",
              "'2024-00-10 10:00:00'",
              "zero date"),
          new Refusal("r_time", "time", "time", "NULL", "'25:00:00'", "25:00:00", "interval"),
          new Refusal(
              "r_double_real", "double", "real", "NULL", "0.1", "0.1", "no exact real", "rounded"),
          new Refusal(
              "r_float_numeric",
              "float",
              "numeric(10,2)",
              "NULL",
              "0.125",
              "0.125",
              "decimal places",
              "rounded"),
          new Refusal(
              "r_double_numeric", "double", "numeric(10,2)", "1.5", "1e300", "does not fit"));

  private TestDatabase source;
  private TestDatabase target;
  private CliRun run;
  private JsonNode report;

  @BeforeAll
  void migrateEveryCase(@TempDir Path dir) throws Exception {
    source = TestServers.mysql().createDatabase("casts_src");
    target = TestServers.postgresql().createDatabase("casts_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("SET SESSION sql_mode = ''"); // allows zero dates, as legacy sites have them
      for (Case k : CASES) {
        createSourceTable(st, k.table(), k.sourceType(), k.values());
      }
      for (Refusal r : REFUSALS) {
        createSourceTable(st, r.table(), r.sourceType(), List.of(r.good(), r.value()));
      }
    }
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      for (Case k : CASES) {
        st.execute(
            "CREATE TABLE " + k.table() + " (id bigint PRIMARY KEY, v " + k.targetType() + ")");
      }
      for (Refusal r : REFUSALS) {
        st.execute(
            "CREATE TABLE " + r.table() + " (id bigint PRIMARY KEY, v " + r.targetType() + ")");
      }
    }
    Path reportFile = dir.resolve("report.json");
    run =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--report",
            reportFile.toString(),
            "--rejects-dir",
            dir.resolve("rejects").toString(),
            // The converters are the last line of defence: these tests reach them past the
            // pre-flight checks, which would refuse most refusals before the copy (see below).
            "--skip-checks");
    report = new ObjectMapper().readTree(Files.readString(reportFile));
  }

  private static void createSourceTable(
      Statement st, String table, String type, List<String> values) throws SQLException {
    st.execute(
        "CREATE TABLE "
            + table
            + " (id BIGINT NOT NULL PRIMARY KEY, v "
            + type
            + ") DEFAULT CHARSET=utf8mb4");
    for (int i = 0; i < values.size(); i++) {
      st.execute("INSERT INTO " + table + " VALUES (" + (i + 1) + ", " + values.get(i) + ")");
    }
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

  @Test
  void everyCaseArrivesExactly() throws Exception {
    Map<String, String> rules = new HashMap<>();
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      for (Case k : CASES) {
        List<String> actual = new ArrayList<>();
        try (ResultSet rs =
            st.executeQuery(
                "SELECT COALESCE(v::text, 'null') FROM " + k.table() + " ORDER BY id")) {
          while (rs.next()) {
            actual.add(rs.getString(1));
          }
        }
        // timestamptz prints in the session's zone: compare it in UTC.
        assertEquals(
            k.expected(),
            k.targetType().equals("timestamptz") ? utc(st, k.table()) : actual,
            k.table() + ": " + k.sourceType() + " -> " + k.targetType());
        rules.put(k.table(), k.rule());
      }
    }
    for (JsonNode t : report.get("tables")) {
      String name = t.get("name").asText();
      if (rules.containsKey(name)) {
        assertEquals("copied", t.get("status").asText(), name + ": " + t);
      }
    }
  }

  private static List<String> utc(Statement st, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs =
        st.executeQuery(
            "SELECT to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00' FROM "
                + table
                + " ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void everyBuiltInRuleIsExercisedThroughTheServers() {
    Set<String> exercised = CASES.stream().map(Case::rule).collect(Collectors.toSet());
    Set<String> all =
        CastRuleSet.defaults().rules().stream()
            .map(CastRule::id)
            .collect(Collectors.toCollection(HashSet::new));
    all.removeAll(exercised);
    assertTrue(all.isEmpty(), "rules without a round trip: " + all);
  }

  @Test
  void everyRefusedValueFailsItsTableNamingRowColumnAndReason() throws Exception {
    assertEquals(ExitCodes.FAILED, run.exitCode(), run.transcript());
    Map<String, JsonNode> tables = new HashMap<>();
    report.get("tables").forEach(t -> tables.put(t.get("name").asText(), t));
    for (Refusal r : REFUSALS) {
      JsonNode t = tables.get(r.table());
      assertEquals("failed", t.get("status").asText(), r.table() + ": " + t);
      String error = t.get("error").asText();
      assertTrue(error.contains("table " + r.table()), error);
      assertTrue(error.contains("id=2"), r.table() + " names the row: " + error);
      assertTrue(error.contains("column v"), r.table() + " names the column: " + error);
      for (String m : r.mentions()) {
        assertTrue(error.contains(m), r.table() + " mentions '" + m + "': " + error);
      }
      assertTrue(run.err().contains("FAILED " + r.table() + ": "), run.err());
      // The refused row is in the table's reject file, with its key, column and value.
      List<String> lines = Files.readAllLines(Path.of(t.get("rejectsFile").asText()));
      assertEquals("kind,key,column,reason,value", lines.get(0));
      assertEquals(2, lines.size(), r.table() + ": " + lines);
      assertTrue(lines.get(1).startsWith("rejected,\"id=2\",\"v\","), lines.get(1));
      assertEquals(1, t.get("rowsRejected").asInt(), t.toString());
    }
    assertEquals(REFUSALS.size(), report.get("totals").get("failed").asInt());
    assertEquals(CASES.size(), report.get("totals").get("copied").asInt());
  }

  private static String allBytes() {
    StringBuilder hex = new StringBuilder("0x");
    for (int i = 0; i < 256; i++) {
      hex.append(String.format("%02X", i));
    }
    return hex.toString();
  }

  private static String allBytesHex() {
    return "\\x" + allBytes().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void thePreflightChecksFindTheRefusalsTheDataShowsBeforeAnythingIsWritten() throws Exception {
    CliRun check =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "check",
            "--source",
            source.uri(),
            "--target",
            target.uri());
    assertEquals(ExitCodes.REFUSED, check.exitCode(), check.transcript());
    for (String table :
        List.of(
            "r_range",
            "r_float_exact",
            "r_decimals",
            "r_digits",
            "r_length",
            "r_zero_date",
            "r_zero_datetime",
            "r_time")) {
      assertTrue(
          check.out().contains(table + ".v: 1 row(s)"),
          table + " is found by check:\n" + check.out());
    }
  }
}
