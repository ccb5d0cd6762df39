package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CellComparison;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Legacy and mixed character sets: a latin1 table (MySQL's latin1 is Windows-1252, so 0x80 is €)
 * with columns in utf8mb3, utf8mb4, cp1251, greek, sjis and binary beside its latin1 ones. The
 * source really stores the legacy bytes; every value must arrive as the same Unicode text in
 * PostgreSQL's UTF-8, code point for code point, and the binary column byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharsetsIT {
  /** Column, its definition, the text written, and the bytes MySQL must store for it. */
  record Column(String name, String type, String text, String storedHex) {}

  static final String CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

  static final List<Column> COLUMNS =
      List.of(
          new Column("l1", "VARCHAR(60)", "café crème ÿ " + CP1252_HIGH, null),
          new Column("euro", "VARCHAR(5)", "€", "80"),
          new Column("big", "MEDIUMTEXT", "é€ñ\\\t".repeat(120_000), null),
          new Column("en", "ENUM('é','€','x')", "€", "80"),
          new Column("u3", "VARCHAR(30) CHARACTER SET utf8mb3", "Grüße 日本語 \uFFFD", null),
          new Column("u4", "VARCHAR(30) CHARACTER SET utf8mb4", "😀 𠮷 e\u0301", null),
          new Column("cp", "VARCHAR(20) CHARACTER SET cp1251", "Привет", "cff0e8e2e5f2"),
          new Column("gr", "VARCHAR(20) CHARACTER SET greek", "Καλημέρα", null),
          new Column("sj", "VARCHAR(20) CHARACTER SET sjis", "こんにちは", null));

  private TestDatabase source;
  private TestDatabase target;
  private CliRun run;

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    source = TestServers.mysql().createDatabase("charset_src");
    target = TestServers.postgresql().createDatabase("charset_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      StringBuilder ddl = new StringBuilder("CREATE TABLE legacy (id INT PRIMARY KEY");
      for (Column col : COLUMNS) {
        ddl.append(", ").append(col.name()).append(' ').append(col.type());
      }
      ddl.append(", bin VARCHAR(8) CHARACTER SET binary) DEFAULT CHARSET=latin1");
      st.execute(ddl.toString());
      StringBuilder insert = new StringBuilder("INSERT INTO legacy VALUES (1");
      insert.append(", ?".repeat(COLUMNS.size())).append(", X'00FF80E9')");
      try (PreparedStatement ps = c.prepareStatement(insert.toString())) {
        for (int i = 0; i < COLUMNS.size(); i++) {
          ps.setString(i + 1, COLUMNS.get(i).text());
        }
        ps.executeUpdate();
      }
      st.execute("INSERT INTO legacy (id) VALUES (2)");
      // The source holds legacy bytes, not UTF-8, and nothing was lost on the way in.
      for (Column col : COLUMNS) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT " + col.name() + ", HEX(" + col.name() + ") FROM legacy WHERE id = 1")) {
          rs.next();
          assertEquals(col.text(), rs.getString(1), col.name() + " as stored");
          if (col.storedHex() != null) {
            assertEquals(col.storedHex(), rs.getString(2).toLowerCase(), col.name() + " bytes");
          }
        }
      }
    }
    run =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            "create",
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
  void everyCharacterSetArrivesAsTheSameUnicodeText() throws Exception {
    assertEquals(0, run.exitCode(), run.transcript());
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> actual = new LinkedHashMap<>();
    try (Connection c = target.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM legacy WHERE id = 1")) {
      rs.next();
      for (Column col : COLUMNS) {
        expected.put(col.name(), col.text());
        actual.put(col.name(), rs.getString(col.name()));
      }
      assertEquals("\\x00ff80e9", rs.getString("bin"));
    }
    assertEquals(expected, actual);
  }

  @Test
  void cellByCellTheTargetEqualsTheSource() throws Exception {
    try (Connection my = source.connect();
        Connection pg = target.connect()) {
      List<String> diff =
          new ArrayList<>(CellComparison.differences(my, pg, "public", "legacy", "id"));
      assertTrue(diff.isEmpty(), String.join("\n", diff));
    }
  }
}
