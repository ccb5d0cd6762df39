package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Values around every size at which a value's bytes change hands differently, text and blob, in
 * both schema modes, through the built jar in its own JVM (so on the JDK the suite runs on, 17 or
 * 25): up to and across 128 KiB (the piece size JDK 21+ copies {@code ByteArrayInputStream}s in),
 * 256 KiB (where the tool stops copying a value into its buffer and sends it by reference), and
 * several MB. Every value must arrive byte for byte: compared by MD5 on both servers, then by
 * {@code verify --verify checksums}.
 *
 * <p>Text is random: one- to four-byte characters and the characters COPY escapes, padded with
 * ASCII to the exact byte length; blobs are random bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValueSizesIT {
  static final int KIB = 1024;

  /** Byte lengths; each is one row's text and one row's blob. */
  static final int[] SIZES = {
    0,
    1,
    64 * KIB - 1,
    128 * KIB - 1,
    128 * KIB,
    128 * KIB + 1,
    128 * KIB + 7,
    256 * KIB - 1,
    256 * KIB,
    256 * KIB + 1,
    384 * KIB + 3,
    1024 * KIB,
    3 * 1024 * KIB + 5,
    5 * 1024 * KIB
  };

  private static final String[] PIECES = {"a", "Z", "\\", "\t", "\n", "\r", "é", "€", "😀", "𠮷"};

  private TestDatabase source;
  private final List<TestDatabase> targets = new ArrayList<>();
  private List<String> sourceDigests;

  @BeforeAll
  void fillSource() throws Exception {
    source = TestServers.mysql().createDatabase("sizes_src");
    Random random = new Random(128);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE sized (id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB) CHARSET utf8mb4");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sized VALUES (?, ?, ?)")) {
        int id = 0;
        for (int size : SIZES) {
          String text = text(random, size);
          assertEquals(size, text.getBytes(StandardCharsets.UTF_8).length);
          byte[] blob = new byte[size];
          random.nextBytes(blob);
          ps.setInt(1, ++id);
          ps.setString(2, text);
          ps.setBytes(3, blob);
          ps.executeUpdate();
          // A row with only one of the two, and a row with both large values side by side.
          ps.setInt(1, ++id);
          ps.setString(2, size % 2 == 0 ? text : null);
          ps.setBytes(3, size % 2 == 0 ? null : blob);
          ps.executeUpdate();
        }
      }
    }
    sourceDigests = digests(source, "MD5(t)", "MD5(b)", "LENGTH(t)", "LENGTH(b)");
  }

  /** Random text of exactly {@code bytes} UTF-8 bytes. */
  static String text(Random random, int bytes) {
    StringBuilder b = new StringBuilder();
    int length = 0;
    while (length < bytes) {
      String piece = PIECES[random.nextInt(PIECES.length)];
      int n = piece.getBytes(StandardCharsets.UTF_8).length;
      if (length + n > bytes) {
        piece = "x";
        n = 1;
      }
      b.append(piece);
      length += n;
    }
    return b.toString();
  }

  @AfterAll
  void drop() throws SQLException {
    for (TestDatabase db : targets) {
      db.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"create", "data-only"})
  void everyValueArrivesByteForByte(String mode, @TempDir Path dir) throws Exception {
    TestDatabase target = TestServers.postgresql().createDatabase("sizes_tgt");
    targets.add(target);
    if (mode.equals("data-only")) {
      try (Connection c = target.connect();
          Statement st = c.createStatement()) {
        // As an installer makes it, with a row to be emptied first.
        st.execute("CREATE TABLE sized (id bigint PRIMARY KEY, t text, b bytea)");
        st.execute("INSERT INTO sized VALUES (99, 'installer', '\\x00')");
      }
    }
    Map<String, String> env = CliRun.passwords(source, target);
    CliRun run =
        CliRun.process(
            List.of("-Xmx400m"),
            env,
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            mode,
            "--chunk-rows",
            "5",
            "--rejects-dir",
            dir.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(List.of(), run.jvmWarnings(), "the JVM's own warnings");
    assertEquals(
        sourceDigests, digests(target, "md5(t)", "md5(b)", "octet_length(t)", "length(b)"));
    CliRun verify =
        CliRun.process(
            List.of("-Xmx400m"),
            env,
            "verify",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--verify",
            "checksums");
    assertEquals(0, verify.exitCode(), verify.transcript());
  }

  private static List<String> digests(TestDatabase db, String... expressions) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, "
                    + String.join(", ", expressions)
                    + " FROM sized WHERE id < 99 ORDER BY id")) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder(rs.getString(1));
        for (int i = 0; i < expressions.length; i++) {
          row.append(' ').append(rs.getString(i + 2));
        }
        out.add(row.toString());
      }
    }
    assertEquals(2 * SIZES.length, out.size());
    return out;
  }
}
