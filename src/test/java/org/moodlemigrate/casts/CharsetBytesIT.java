package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Every character set the server has, byte by byte, arrives as the server itself converts it:
 * {@code CONVERT(col USING utf8mb4)}, not the JVM's idea of the character set. One column per
 * character set (every one {@code information_schema.CHARACTER_SETS} lists, but the UTF-8 ones and
 * {@code binary}); a table with each of the 256 byte values in every column, and for the multi-byte
 * character sets a second one with every two-byte sequence. The source really stores those bytes
 * (where the server accepts them as a string of that set; it stores {@code ?} for an invalid
 * sequence, which is then what the value is).
 *
 * <p>The JVM would get this wrong: Java's {@code windows-1252} has no character for latin1's 0x81,
 * 0x8D, 0x8F, 0x90 and 0x9D (MySQL's latin1 maps them to U+0081 …), and Java's charsets differ from
 * MySQL's in many more places. A value the server itself cannot convert (cp1251's 0x98) arrives as
 * the {@code ?} MySQL shows, and is listed as changed, never silently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharsetBytesIT {
  private TestDatabase source;
  private TestDatabase target;
  private CliRun run;
  private final List<String> charsets = new ArrayList<>();
  private final Map<String, Integer> maxLength = new HashMap<>();

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    source = TestServers.mysql().createDatabase("csbytes_src");
    target = TestServers.postgresql().createDatabase("csbytes_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT CHARACTER_SET_NAME, MAXLEN FROM information_schema.CHARACTER_SETS"
                  + " WHERE CHARACTER_SET_NAME NOT IN ('utf8mb4', 'utf8mb3', 'utf8', 'binary')"
                  + " ORDER BY 1")) {
        while (rs.next()) {
          charsets.add(rs.getString(1));
          maxLength.put(rs.getString(1), rs.getInt(2));
        }
      }
      assertTrue(charsets.contains("latin1") && charsets.size() > 20, charsets.toString());
      st.execute("CREATE TABLE nums (n INT PRIMARY KEY)");
      st.execute(
          "INSERT INTO nums SELECT a.n + 16 * b.n + 256 * c.n + 4096 * d.n FROM "
              + digits("a")
              + " CROSS JOIN "
              + digits("b")
              + " CROSS JOIN "
              + digits("c")
              + " CROSS JOIN "
              + digits("d"));
      StringBuilder one = new StringBuilder("CREATE TABLE bytes1 (id INT PRIMARY KEY");
      StringBuilder two = new StringBuilder("CREATE TABLE bytes2 (id INT PRIMARY KEY");
      for (String cs : charsets) {
        one.append(", `").append(cs).append("` VARCHAR(4) CHARACTER SET ").append(cs);
        if (maxLength.get(cs) > 1) {
          two.append(", `").append(cs).append("` VARCHAR(4) CHARACTER SET ").append(cs);
        }
      }
      st.execute(one.append(")").toString());
      st.execute(two.append(")").toString());
      // The bytes as they are: a binary connection, and no strict mode (which would refuse an
      // invalid sequence rather than store it as '?').
      st.execute("SET NAMES binary");
      st.execute("SET SESSION sql_mode = ''");
      st.execute(fill("bytes1", 1, "n < 256"));
      st.execute(fill("bytes2", 2, "n >= 256"));
      st.execute("DROP TABLE nums");
    }
    run =
        CliRun.inProcess(
            CliRun.passwords(source, target),
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            "create",
            "--on-nul",
            "replace:U+2400",
            "--max-rejects",
            "100000",
            "--rejects-dir",
            dir.toString());
  }

  private static String digits(String alias) {
    StringBuilder b = new StringBuilder("(SELECT 0 n");
    for (int i = 1; i < 16; i++) {
      b.append(" UNION ALL SELECT ").append(i);
    }
    return b.append(") ").append(alias).toString();
  }

  private String fill(String table, int bytes, String where) {
    StringBuilder cols = new StringBuilder("id");
    StringBuilder values = new StringBuilder("n");
    for (String cs : charsets) {
      if (bytes == 1 || maxLength.get(cs) > 1) {
        cols.append(", `").append(cs).append('`');
        values.append(", UNHEX(LPAD(HEX(n), ").append(2 * bytes).append(", '0'))");
      }
    }
    return "INSERT INTO "
        + table
        + " ("
        + cols
        + ") SELECT "
        + values
        + " FROM nums WHERE "
        + where;
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
  void everyStoredByteArrivesAsTheServerConvertsIt() throws Exception {
    // ucs2 holds the surrogate code points U+D800..U+DFFF as characters; their UTF-8 form is not
    // UTF-8 that PostgreSQL accepts, so exactly those rows are rejected, each with its reason.
    assertEquals(5, run.exitCode(), run.transcript());
    List<String> wrong = new ArrayList<>();
    int cells = compare("bytes1", wrong);
    cells += compare("bytes2", wrong);
    assertTrue(
        wrong.isEmpty(),
        wrong.size() + " of " + cells + " values differ, e.g.:\n" + String.join("\n", head(wrong)));
    assertTrue(cells > 256 * charsets.size(), "cells compared: " + cells);
  }

  @Test
  void latin1IsMySqlsWindows1252WithTheFiveUndefinedBytesAsControls() throws Exception {
    try (Connection pg = target.connect();
        Statement st = pg.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, ascii(latin1) FROM public.bytes1"
                    + " WHERE id IN (128, 129, 141, 143, 144, 157, 233) ORDER BY id")) {
      Map<Integer, Integer> codePoints = new TreeMap<>();
      while (rs.next()) {
        codePoints.put(rs.getInt(1), rs.getInt(2));
      }
      assertEquals(
          Map.of(128, 0x20AC, 129, 0x81, 141, 0x8D, 143, 0x8F, 144, 0x90, 157, 0x9D, 233, 0xE9),
          codePoints);
    }
  }

  @Test
  void aByteTheServerCannotConvertArrivesAsItsQuestionMarkAndIsListed() throws Exception {
    try (Connection pg = target.connect();
        Statement st = pg.createStatement();
        ResultSet rs = st.executeQuery("SELECT cp1251 FROM public.bytes1 WHERE id = 152")) {
      rs.next();
      assertEquals("?", rs.getString(1));
    }
    // Every value MySQL shows with a '?' its stored bytes do not hold is listed as changed.
    long expected = 0;
    try (Connection my = source.connect();
        Statement st = my.createStatement()) {
      for (String table : List.of("bytes1", "bytes2")) {
        for (String cs : columns(my, table)) {
          String q = "`" + cs + "`";
          try (ResultSet rs =
              st.executeQuery(
                  "SELECT COUNT(*) FROM "
                      + table
                      // rows holding a ucs2 surrogate are rejected, their changes not carried
                      + " WHERE (id < 55296 OR id > 57343 OR '"
                      + table
                      + "' = 'bytes1') AND CAST(CONVERT(CONVERT("
                      + q
                      + " USING utf8mb4) USING "
                      + cs
                      + ") AS BINARY) <> CAST("
                      + q
                      + " AS BINARY)")) {
            rs.next();
            expected += rs.getLong(1);
          }
        }
      }
    }
    assertTrue(expected > 0);
    try (Connection pg = target.connect();
        Statement st = pg.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM moodle_migrate.run_row_issue WHERE kind = 'changed'"
                    + " AND reason LIKE 'the server cannot convert%'")) {
      rs.next();
      assertEquals(expected, rs.getLong(1));
    }
  }

  /**
   * {@code verify} compares with what the server says the text is, not with the JVM's decoding of
   * the source bytes: a latin1 0x81 that arrived as U+FFFD (as Java's windows-1252 reads it) is a
   * difference. Restores the value afterwards.
   */
  @Test
  void verifyComparesWithTheServersConversion() throws Exception {
    String[] verify = {
      "verify",
      "--source",
      source.uri(),
      "--target",
      target.uri(),
      "--verify",
      "checksums",
      "--include",
      "bytes1"
    };
    Map<String, String> env = CliRun.passwords(source, target);
    CliRun before = CliRun.inProcess(env, verify);
    assertEquals(0, before.exitCode(), before.transcript());
    try (Connection pg = target.connect();
        Statement st = pg.createStatement()) {
      st.execute("UPDATE public.bytes1 SET latin1 = U&'\\FFFD' WHERE id = 129");
      CliRun after = CliRun.inProcess(env, verify);
      assertEquals(6, after.exitCode(), after.transcript());
      assertTrue(after.err().contains("id=129"), after.transcript());
      assertTrue(after.err().contains("latin1"), after.transcript());
    } finally {
      try (Connection pg = target.connect();
          Statement st = pg.createStatement()) {
        st.execute("UPDATE public.bytes1 SET latin1 = U&'\\0081' WHERE id = 129");
      }
    }
  }

  /** Compares every cell of a table; returns how many were compared. */
  private int compare(String table, List<String> wrong) throws SQLException {
    List<String> cols = new ArrayList<>();
    try (Connection my = source.connect()) {
      cols.addAll(columns(my, table));
    }
    Map<String, String> expected = new HashMap<>();
    try (Connection my = source.connect();
        Statement st = my.createStatement()) {
      StringBuilder select = new StringBuilder("SELECT id");
      for (String cs : cols) {
        select.append(", HEX(CONVERT(`").append(cs).append("` USING utf8mb4))");
      }
      try (ResultSet rs = st.executeQuery(select + " FROM " + table)) {
        while (rs.next()) {
          for (int i = 0; i < cols.size(); i++) {
            String hex = rs.getString(i + 2);
            // NUL, which PostgreSQL cannot hold, is replaced as --on-nul says (U+2400).
            expected.put(
                rs.getInt(1) + "." + cols.get(i),
                hex == null ? null : replaceNul(hex.toLowerCase(java.util.Locale.ROOT)));
          }
        }
      }
    }
    List<Integer> rejected = new ArrayList<>();
    expected
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue() != null && SURROGATE.matcher(e.getValue()).find()) {
                rejected.add(Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('.'))));
              }
              return false;
            });
    for (Integer id : rejected) {
      for (String cs : cols) {
        expected.remove(id + "." + cs);
      }
    }
    assertEquals(
        table.equals("bytes2") ? 2048 : 0,
        new java.util.TreeSet<>(rejected).size(),
        "rows holding a surrogate");
    assertEquals(rejectedRows(table), new java.util.TreeSet<>(rejected).size(), "rejected rows");
    int cells = 0;
    try (Connection pg = target.connect();
        Statement st = pg.createStatement()) {
      StringBuilder select = new StringBuilder("SELECT id");
      for (String cs : cols) {
        select.append(", encode(convert_to(\"").append(cs).append("\", 'UTF8'), 'hex')");
      }
      try (ResultSet rs = st.executeQuery(select + " FROM public." + table)) {
        while (rs.next()) {
          for (int i = 0; i < cols.size(); i++) {
            String key = rs.getInt(1) + "." + cols.get(i);
            String actual = rs.getString(i + 2);
            cells++;
            if (!java.util.Objects.equals(expected.remove(key), actual)) {
              wrong.add(table + " row " + key + ": target " + actual);
            }
          }
        }
      }
    }
    expected.keySet().forEach(k -> wrong.add(table + " row " + k + ": missing from the target"));
    return cells;
  }

  /** A surrogate code point encoded as if it were UTF-8 (CESU-8): ED A0..BF xx. */
  private static final java.util.regex.Pattern SURROGATE =
      java.util.regex.Pattern.compile("^(..)*ed[ab]");

  private long rejectedRows(String table) throws SQLException {
    try (Connection pg = target.connect();
        Statement st = pg.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(DISTINCT row_key) FROM moodle_migrate.run_row_issue WHERE kind ="
                    + " 'rejected' AND table_name = '"
                    + table
                    + "' AND reason LIKE 'text is not valid UTF-8%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The UTF-8 hex of a value with U+0000 (hex 00 at a character boundary) as U+2400. */
  private static String replaceNul(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < hex.length(); i += 2) {
      String b = hex.substring(i, i + 2);
      out.append(b.equals("00") ? "e29080" : b);
    }
    return out.toString();
  }

  private static List<String> columns(Connection my, String table) throws SQLException {
    List<String> cols = new ArrayList<>();
    try (Statement st = my.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA ="
                    + " DATABASE() AND TABLE_NAME = '"
                    + table
                    + "' AND COLUMN_NAME <> 'id' ORDER BY ORDINAL_POSITION")) {
      while (rs.next()) {
        cols.add(rs.getString(1));
      }
    }
    return cols;
  }

  private static List<String> head(List<String> list) {
    return list.subList(0, Math.min(20, list.size()));
  }
}
