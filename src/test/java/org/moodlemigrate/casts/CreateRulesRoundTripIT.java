package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Every built-in create rule through real servers: a source table per case, an empty target, one
 * run that creates them all; then each created column's type and each value compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateRulesRoundTripIT {
  record Case(
      String table,
      String rule,
      String sourceType,
      List<String> values,
      String createdType,
      List<String> expected) {}

  private static final List<Case> CASES =
      List.of(
          new Case(
              "k_tinyint",
              "tinyint-as-smallint",
              "tinyint(1)",
              List.of("2", "-1", "127"),
              "smallint",
              List.of("2", "-1", "127")),
          new Case(
              "k_tinyint_u",
              "tinyint-as-smallint",
              "tinyint(3) unsigned",
              List.of("255"),
              "smallint",
              List.of("255")),
          new Case(
              "k_smallint",
              "smallint-as-smallint",
              "smallint(4)",
              List.of("-32768"),
              "smallint",
              List.of("-32768")),
          new Case(
              "k_smallint_u",
              "smallint-unsigned-as-integer",
              "smallint(5) unsigned",
              List.of("65535"),
              "integer",
              List.of("65535")),
          new Case(
              "k_mediumint_u",
              "mediumint-as-integer",
              "mediumint(8) unsigned",
              List.of("16777215"),
              "integer",
              List.of("16777215")),
          new Case(
              "k_int",
              "int-as-integer",
              "int(10)",
              List.of("-2147483648"),
              "integer",
              List.of("-2147483648")),
          new Case(
              "k_int_u",
              "int-unsigned-as-bigint",
              "int(10) unsigned",
              List.of("4294967295"),
              "bigint",
              List.of("4294967295")),
          new Case(
              "k_bigint",
              "bigint-as-bigint",
              "bigint(10)",
              List.of("9223372036854775807"),
              "bigint",
              List.of("9223372036854775807")),
          new Case(
              "k_bigint_u",
              "bigint-unsigned-as-numeric",
              "bigint(20) unsigned",
              List.of("18446744073709551615"),
              "numeric(20,0)",
              List.of("18446744073709551615")),
          new Case(
              "k_decimal",
              "decimal-as-numeric",
              "decimal(10,5)",
              List.of("-12345.67891"),
              "numeric(10,5)",
              List.of("-12345.67891")),
          new Case(
              "k_float", "float-as-real", "float(11,4)", List.of("1.5"), "real", List.of("1.5")),
          new Case(
              "k_double",
              "double-as-double-precision",
              "double",
              List.of("0.1"),
              "double precision",
              List.of("0.1")),
          new Case(
              "k_char",
              "char-as-varchar",
              "char(3)",
              List.of("'ab'"),
              "character varying(3)",
              List.of("ab")),
          new Case(
              "k_varchar",
              "char-as-varchar",
              "varchar(1333)",
              List.of("'Grüße 😀'"),
              "character varying(1333)",
              List.of("Grüße 😀")),
          new Case(
              "k_text",
              "text-as-text",
              "mediumtext",
              List.of("'<p>x</p>\\n'"),
              "text",
              List.of("<p>x</p>\n")),
          new Case(
              "k_blob",
              "binary-as-bytea",
              "longblob",
              List.of("0x00FF"),
              "bytea",
              List.of("\\x00ff")),
          new Case(
              "k_json",
              "json-as-jsonb",
              "json",
              List.of("'{\"a\": 1}'"),
              "jsonb",
              List.of("{\"a\": 1}")),
          new Case(
              "k_date",
              "date-as-date",
              "date",
              List.of("'2024-02-29'"),
              "date",
              List.of("2024-02-29")),
          new Case(
              "k_datetime",
              "datetime-as-timestamp",
              "datetime(6)",
              List.of("'2024-03-31 02:30:00.123456'"),
              "timestamp(6) without time zone",
              List.of("2024-03-31 02:30:00.123456")),
          new Case(
              "k_timestamp",
              "timestamp-as-timestamptz",
              "timestamp(3) NULL",
              List.of("'2024-06-01 12:00:00.250'"),
              "timestamp(3) with time zone",
              List.of("2024-06-01 12:00:00.25+00")),
          new Case(
              "k_time",
              "time-as-interval",
              "time",
              List.of("'-838:59:59'", "'25:00:00'"),
              "interval",
              List.of("-838:59:59", "25:00:00")),
          new Case(
              "k_year",
              "year-as-smallint",
              "year(4)",
              List.of("2024"),
              "smallint",
              List.of("2024")),
          new Case(
              "k_enum",
              "enum-as-varchar",
              "enum('draft','final')",
              List.of("'final'"),
              "character varying(5)",
              List.of("final")),
          new Case(
              "k_set",
              "set-as-varchar",
              "set('read','write')",
              List.of("'read,write'"),
              "character varying(10)",
              List.of("read,write")),
          new Case(
              "k_bit",
              "bit-as-bit",
              "bit(8)",
              List.of("b'00000101'"),
              "bit(8)",
              List.of("00000101")),
          new Case(
              "k_point",
              "spatial-as-bytea",
              "point",
              List.of("ST_GeomFromText('POINT(1 2)')"),
              "bytea",
              List.of("\\x000000000101000000000000000000f03f0000000000000040")));

  private TestDatabase source;
  private TestDatabase target;

  @BeforeAll
  void createEveryCase() throws Exception {
    source = TestServers.mysql().createDatabase("create_rules_src");
    target = TestServers.postgresql().createDatabase("create_rules_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      for (Case k : CASES) {
        st.execute(
            "CREATE TABLE "
                + k.table()
                + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v "
                + k.sourceType()
                + ") DEFAULT CHARSET=utf8mb4");
        for (String v : k.values()) {
          st.execute("INSERT INTO " + k.table() + " (v) VALUES (" + v + ")");
        }
      }
      st.execute(
          "CREATE TABLE k_generated (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT NOT NULL"
              + " DEFAULT 3, doubled INT AS (`a` * 2) STORED, label VARCHAR(20) AS (CONCAT('n',"
              + " `a`)) VIRTUAL)");
      st.execute("INSERT INTO k_generated (a) VALUES (1), (5)");
    }
    CliRun run =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            "create");
    assertEquals(0, run.exitCode(), run.transcript());
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
  void everyCreatedColumnHasItsTypeAndEveryValueArrived() throws Exception {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute("SET TIME ZONE 'UTC'");
      for (Case k : CASES) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = '"
                    + k.table()
                    + "'::regclass AND attname = 'v'")) {
          assertTrue(rs.next(), k.table() + " was created");
          assertEquals(k.createdType(), rs.getString(1), k.table() + " (" + k.sourceType() + ")");
        }
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT v::text FROM " + k.table() + " ORDER BY id")) {
          while (rs.next()) {
            values.add(rs.getString(1));
          }
        }
        assertEquals(k.expected(), values, k.table());
      }
    }
  }

  @Test
  void generatedColumnsAreComputedByPostgres() throws Exception {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT a, doubled, label FROM k_generated ORDER BY id")) {
        assertTrue(rs.next());
        assertEquals(List.of(1, 2, "n1"), List.of(rs.getInt(1), rs.getInt(2), rs.getString(3)));
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM pg_attribute WHERE attrelid = 'k_generated'::regclass"
                  + " AND attgenerated = 's'")) {
        rs.next();
        assertEquals(2, rs.getInt(1));
      }
      try (ResultSet rs =
          st.executeQuery("INSERT INTO k_generated (a) VALUES (DEFAULT) RETURNING id, doubled")) {
        rs.next();
        assertTrue(rs.getLong(1) > 2);
        assertEquals(6, rs.getInt(2), "the default of a (3) was created too");
      }
    }
  }

  @Test
  void everyBuiltInCreateRuleIsExercisedThroughTheServers() {
    Set<String> exercised = CASES.stream().map(Case::rule).collect(Collectors.toSet());
    Set<String> all =
        CastRuleSet.defaults().createRules().stream()
            .map(CreateRule::id)
            .collect(Collectors.toCollection(HashSet::new));
    all.removeAll(exercised);
    assertTrue(all.isEmpty(), "create rules without a round trip: " + all);
  }
}
