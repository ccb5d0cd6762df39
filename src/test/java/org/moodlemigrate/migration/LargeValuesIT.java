package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Memory stays bounded with large values: rows holding a 50 MB {@code longtext} (multi-byte
 * characters and characters COPY escapes) and a 50 MB {@code longblob} (every byte value) are
 * copied by a JVM whose heap is capped at {@value #HEAP_MB} MB, under five times the largest value
 * with the tool's own baseline (about 45 MB) included; four such rows in one chunk need no more
 * than one. (Measured: the run needs about 180 MB; before large values were streamed it needed more
 * than 600 MB.) Checksums on both sides prove the values arrived whole.
 *
 * <p>The server must allow packets that large ({@code max_allowed_packet}), as a site holding such
 * values does; the test raises it for its run and puts it back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeValuesIT {
  static final int HEAP_MB = 240;
  static final long VALUE_BYTES = 50L * 1024 * 1024;

  /** 12 UTF-8 bytes, 7 UTF-16 chars: two- three- and four-byte characters, and three escapes. */
  static final String UNIT = "ü€😀\\\t\n";

  private TestDatabase source;
  private TestDatabase target;
  private long packetBefore;
  private CliRun run;

  @BeforeAll
  void migrateLargeValues(@TempDir Path dir) throws Exception {
    try (Connection c = TestServers.mysql().connect("");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT @@GLOBAL.max_allowed_packet")) {
      rs.next();
      packetBefore = rs.getLong(1);
      st.execute("SET GLOBAL max_allowed_packet = " + 256L * 1024 * 1024);
    }
    source = TestServers.mysql().createDatabase("large_src");
    target = TestServers.postgresql().createDatabase("large_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE big (id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB) CHARSET utf8mb4");
      long units = VALUE_BYTES / 12;
      st.execute(
          "INSERT INTO big VALUES (1, REPEAT(CONVERT(X'"
              + hex(UNIT)
              + "' USING utf8mb4), "
              + units
              + "), NULL)");
      st.execute(
          "INSERT INTO big VALUES (2, NULL, REPEAT("
              + allBytes()
              + ", "
              + VALUE_BYTES / 256
              + "))");
      st.execute("INSERT INTO big SELECT 3, t, NULL FROM big WHERE id = 1");
      st.execute("INSERT INTO big SELECT 4, NULL, b FROM big WHERE id = 2");
      st.execute("INSERT INTO big VALUES (5, 'small', X'00')");
    }
    run =
        CliRun.process(
            List.of("-Xmx" + HEAP_MB + "m"),
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
  void restore() throws SQLException {
    try {
      for (TestDatabase db : new TestDatabase[] {source, target}) {
        if (db != null) {
          db.close();
        }
      }
    } finally {
      try (Connection c = TestServers.mysql().connect("");
          Statement st = c.createStatement()) {
        st.execute("SET GLOBAL max_allowed_packet = " + packetBefore);
      }
    }
  }

  @Test
  void fiftyMegabyteValuesArriveWholeWithinABoundedHeap() throws Exception {
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(checksums(source, "MD5(t)", "MD5(b)"), checksums(target, "md5(t)", "md5(b)"));
    assertEquals(
        checksums(source, "CHAR_LENGTH(t)", "LENGTH(b)"),
        checksums(target, "char_length(t)", "length(b)"));
  }

  private static List<String> checksums(TestDatabase db, String text, String blob)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT id, " + text + ", " + blob + " FROM big ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
    }
    assertEquals(5, out.size());
    return out;
  }

  private static String hex(String s) {
    return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String allBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < 256; i++) {
      b[i] = (byte) i;
    }
    return "X'" + java.util.HexFormat.of().formatHex(b) + "'";
  }
}
