package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CellComparison;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The full type matrix, in both modes: every MySQL/MariaDB type, signed and unsigned, with its
 * extreme values and then {@value #RANDOM_ROWS} random rows per table from a fixed seed, copied
 * once into tables the tool creates ({@code --schema-mode create}) and once into tables made
 * beforehand as an installer would ({@code --schema-mode data-only}); then every cell compared with
 * the source through {@link CellComparison}'s normalisation (docs/cast-rules.md). Chunks of {@value
 * #CHUNK_ROWS} rows, so that every table is copied in several chunks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeFidelityIT {
  static final long SEED = 20261121L;
  static final int RANDOM_ROWS = 200;
  static final int CHUNK_ROWS = 60;

  /** Makes a random value as a MySQL literal. */
  @FunctionalInterface
  interface Gen {
    String literal(Random r);
  }

  /**
   * One column.
   *
   * @param sourceType the MySQL column type
   * @param targetType the column type of the data-only target (what an installer would make)
   * @param extremes literal values for the first rows
   * @param random a generator for the random rows
   */
  record Col(String sourceType, String targetType, List<String> extremes, Gen random) {}

  record Table(String name, List<Col> columns) {}

  private static final String SPECIALS_TEXT =
      "back\\slash\ttab\nnewline\rcr \"dq\" 'sq' \\. \\N 😀𠮷 e\u0301 עברית العربية";

  static final List<Table> TABLES =
      List.of(
          new Table(
              "t_int",
              List.of(
                  intCol("tinyint(4)", "smallint", -128, 127),
                  new Col("tinyint(1)", "smallint", List.of("2", "-1", "127"), ints(-128, 127)),
                  intCol("tinyint(3) unsigned", "smallint", 0, 255),
                  intCol("smallint(6)", "smallint", -32768, 32767),
                  intCol("smallint(5) unsigned", "integer", 0, 65535),
                  intCol("mediumint(9)", "integer", -8388608, 8388607),
                  intCol("mediumint(8) unsigned", "integer", 0, 16777215),
                  intCol("int(11)", "integer", Integer.MIN_VALUE, Integer.MAX_VALUE),
                  intCol("int(10) unsigned", "bigint", 0, 4294967295L),
                  // The text protocol sends these with leading zeros: the digest reads the value.
                  intCol("int(8) unsigned zerofill", "bigint", 0, 99999999),
                  intCol("bigint(20)", "bigint", Long.MIN_VALUE, Long.MAX_VALUE),
                  new Col(
                      "bigint(20) unsigned",
                      "numeric(20,0)",
                      List.of("18446744073709551615", "0", "9223372036854775808"),
                      r -> new BigInteger(64, r).toString()),
                  new Col(
                      "year(4)",
                      "smallint",
                      List.of("1901", "2155", "0"),
                      r -> Integer.toString(1901 + r.nextInt(255))))),
          new Table(
              "t_num",
              List.of(
                  new Col(
                      "decimal(65,30)",
                      "numeric(65,30)",
                      List.of(
                          "9".repeat(35) + "." + "9".repeat(30),
                          "-" + "9".repeat(35) + "." + "9".repeat(30),
                          "0." + "0".repeat(29) + "1",
                          "0"),
                      r -> decimal(r, 35, 30)),
                  new Col(
                      "decimal(10,0)",
                      "numeric(10,0)",
                      List.of("9999999999", "-9999999999"),
                      r -> decimal(r, 10, 0)),
                  new Col(
                      "decimal(5,2) unsigned",
                      "numeric(5,2)",
                      List.of("999.99", "0.00"),
                      r -> decimal(r, 3, 2).replace("-", "")),
                  new Col(
                      "float",
                      "real",
                      List.of(
                          "3.4028234e38",
                          "-3.4028234e38",
                          "1.17549435e-38",
                          "1.4e-45",
                          "1.0000001",
                          "0.1",
                          "16777217"),
                      TypeFidelityIT::randomFloat),
                  new Col(
                      "float(11,4)",
                      "real",
                      List.of("-1234.5678", "9999999.9999", "0.0001"),
                      r -> String.format(Locale.ROOT, "%.4f", (r.nextDouble() - 0.5) * 2e6)),
                  new Col(
                      "float",
                      "double precision",
                      List.of("0.1", "1.0000001", "-3e38"),
                      TypeFidelityIT::randomFloat),
                  new Col(
                      "double",
                      "double precision",
                      List.of(
                          "1.7976931348623157e308",
                          "-1.7976931348623157e308",
                          "4.9e-324",
                          "2.2250738585072014e-308",
                          "0.3333333333333333",
                          "9007199254740993",
                          "-0.1"),
                      TypeFidelityIT::randomDouble),
                  new Col(
                      "double(10,2)",
                      "double precision",
                      List.of("12345678.91", "-0.01"),
                      r -> String.format(Locale.ROOT, "%.2f", (r.nextDouble() - 0.5) * 1e7)))),
          new Table(
              "t_text",
              List.of(
                  new Col(
                      "varchar(255)",
                      "varchar(255)",
                      List.of(
                          utf8(SPECIALS_TEXT),
                          utf8("a\n\\.\nb"),
                          utf8("\\."),
                          "''",
                          utf8("😀".repeat(255)),
                          utf8("\u0001\u001f\u007f\u0085\u2028\ufeff")),
                      r -> utf8(randomText(r, 255))),
                  new Col(
                      "char(10)",
                      "char(10)",
                      List.of("'ab'", utf8("ü😀x"), "''"),
                      r -> utf8(randomText(r, 10).strip())),
                  new Col(
                      "tinytext",
                      "text",
                      List.of(utf8(SPECIALS_TEXT)),
                      r -> utf8(randomText(r, 60))),
                  new Col(
                      "text",
                      "text",
                      List.of(utf8(SPECIALS_TEXT.repeat(200))),
                      r -> utf8(randomText(r, 400))),
                  new Col(
                      "mediumtext",
                      "text",
                      List.of(utf8("ß€😀\\\t".repeat(100_000))),
                      r -> utf8(randomText(r, 400))),
                  new Col(
                      "longtext",
                      "text",
                      List.of("REPEAT(" + utf8("Moodle \\. ü\n") + ", 300000)"),
                      r -> utf8(randomText(r, 400))))),
          new Table(
              "t_bin",
              List.of(
                  new Col(
                      "varbinary(300)",
                      "bytea",
                      List.of(allBytes(), "''", "0x00"),
                      r -> bytes(r, 300)),
                  new Col("binary(16)", "bytea", List.of("0x00FF", "''"), r -> bytes(r, 16)),
                  new Col("blob", "bytea", List.of(allBytes()), r -> bytes(r, 2000)),
                  new Col(
                      "longblob",
                      "bytea",
                      List.of("REPEAT(" + allBytes() + ", 4000)"),
                      r -> bytes(r, 2000)),
                  new Col(
                      "point",
                      "bytea",
                      List.of("ST_GeomFromText('POINT(1 2)')"),
                      r ->
                          "ST_GeomFromText('POINT("
                              + r.nextInt(1000)
                              + " "
                              + r.nextInt(90)
                              + ")')"),
                  new Col(
                      "geometry",
                      "bytea",
                      List.of("ST_GeomFromText('LINESTRING(0 0, 1 1, 2 5)')"),
                      r ->
                          String.format(
                              Locale.ROOT, "ST_GeomFromText('POINT(%.6f 1)')", r.nextDouble())))),
          new Table(
              "t_time",
              List.of(
                  new Col(
                      "date",
                      "date",
                      List.of("'1000-01-01'", "'9999-12-31'", "'2024-02-29'", "'0001-01-01'"),
                      r -> "'" + LocalDate.ofEpochDay(randomDay(r)) + "'"),
                  new Col(
                      "datetime",
                      "timestamp",
                      List.of(
                          "'1000-01-01 00:00:00'",
                          "'9999-12-31 23:59:59'",
                          "'2024-03-31 02:30:00'", // Europe's spring-forward gap
                          "'2024-09-29 02:30:00'", // Pacific/Auckland's gap
                          "'2024-03-10 02:30:00'"), // America's gap
                      r -> "'" + randomDateTime(r, 0) + "'"),
                  new Col(
                      "datetime(6)",
                      "timestamp(6)",
                      List.of("'9999-12-31 23:59:59.999999'", "'2024-01-02 03:04:05.000001'"),
                      r -> "'" + randomDateTime(r, 6) + "'"),
                  new Col(
                      "timestamp NULL",
                      "timestamptz",
                      List.of("'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'"),
                      r -> "'" + randomTimestamp(r) + "'"),
                  new Col(
                      "timestamp(6) NULL",
                      "timestamp(6)",
                      List.of("'2038-01-19 03:14:07.999999'"),
                      r ->
                          "'"
                              + randomTimestamp(r)
                              + "."
                              + String.format("%06d", r.nextInt(1_000_000))
                              + "'"),
                  new Col(
                      "time",
                      "interval",
                      List.of("'838:59:59'", "'-838:59:59'", "'00:00:00'", "'-00:00:01'"),
                      r -> "'" + randomTime(r, 838, 0) + "'"),
                  new Col(
                      "time(6)",
                      "interval",
                      List.of("'-838:59:58.999999'", "'00:00:00.000001'"),
                      r -> "'" + randomTime(r, 837, 6) + "'"),
                  new Col(
                      "time",
                      "time",
                      List.of("'00:00:00'", "'23:59:59'"),
                      r -> "'" + randomTime(r, 23, 0).replace("-", "") + "'"))),
          new Table(
              "t_other",
              List.of(
                  new Col(
                      "enum('draft','final','it''s','ü')",
                      "varchar(10)",
                      List.of("'draft'", "'it''s'", "'ü'", "''"),
                      r -> List.of("'draft'", "'final'", "'it''s'", "'ü'").get(r.nextInt(4))),
                  new Col(
                      "set('read','write','é')",
                      "varchar(20)",
                      List.of("'read,write,é'", "''"),
                      r -> List.of("'read'", "'write,é'", "''", "'read,write'").get(r.nextInt(4))),
                  new Col(
                      "json",
                      "jsonb",
                      List.of(
                          utf8(
                              "{\"b\": [1, 2.50, null], \"a\": \"ü\\u00e9x😀\", \"c\": {\"d\":"
                                  + " true}}"),
                          utf8("[]"),
                          utf8("12345678901234567890.123456789")),
                      r ->
                          utf8(
                              "{\"k"
                                  + r.nextInt(9)
                                  + "\": "
                                  + r.nextLong()
                                  + ", \"s\": \""
                                  + randomText(r, 20)
                                      .replace("\\", "\\\\")
                                      .replace("\"", "\\\"")
                                      .replaceAll("\\p{Cntrl}", " ")
                                  + "\"}")),
                  new Col(
                      "bit(1)", "bit(1)", List.of("b'0'", "b'1'"), r -> "b'" + r.nextInt(2) + "'"),
                  new Col(
                      "bit(64)",
                      "bit(64)",
                      List.of("b'" + "1".repeat(64) + "'", "b'0'", "b'1" + "0".repeat(63) + "'"),
                      r -> "b'" + new BigInteger(64, r).toString(2) + "'"),
                  new Col(
                      "bit(10)",
                      "integer",
                      List.of("b'1111111111'"),
                      r -> "b'" + Integer.toBinaryString(r.nextInt(1024)) + "'"),
                  new Col(
                      "bit(1)",
                      "boolean",
                      List.of("b'1'", "b'0'"),
                      r -> "b'" + r.nextInt(2) + "'"))));

  private TestDatabase source;
  private TestDatabase created;
  private TestDatabase dataOnly;
  private CliRun createRun;
  private CliRun dataOnlyRun;

  @BeforeAll
  void migrateInBothModes(@TempDir Path dir) throws Exception {
    source = TestServers.mysql().createDatabase("fidelity_src");
    created = TestServers.postgresql().createDatabase("fidelity_create");
    dataOnly = TestServers.postgresql().createDatabase("fidelity_data");
    Random random = new Random(SEED);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("SET SESSION sql_mode = ''"); // legacy sites: the enum '' is allowed
      st.execute("SET time_zone = '+00:00'");
      for (Table t : TABLES) {
        createSource(st, t, random);
      }
    }
    try (Connection c = dataOnly.connect();
        Statement st = c.createStatement()) {
      for (Table t : TABLES) {
        StringBuilder sql =
            new StringBuilder("CREATE TABLE " + t.name() + " (id bigint PRIMARY KEY");
        for (int i = 0; i < t.columns().size(); i++) {
          sql.append(", c").append(i + 1).append(' ').append(t.columns().get(i).targetType());
        }
        st.execute(sql.append(')').toString());
      }
    }
    createRun = run(created, "create", dir.resolve("create"));
    dataOnlyRun = run(dataOnly, "data-only", dir.resolve("data"));
  }

  private CliRun run(TestDatabase target, String mode, Path rejects) {
    return CliRun.inProcess(
        Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
        "run",
        "--source",
        source.uri(),
        "--target",
        target.uri(),
        "--schema-mode",
        mode,
        "--chunk-rows",
        Integer.toString(CHUNK_ROWS),
        "--rejects-dir",
        rejects.toString());
  }

  private static void createSource(Statement st, Table t, Random random) throws SQLException {
    StringBuilder sql =
        new StringBuilder("CREATE TABLE " + t.name() + " (id BIGINT NOT NULL PRIMARY KEY");
    for (int i = 0; i < t.columns().size(); i++) {
      sql.append(", c").append(i + 1).append(' ').append(t.columns().get(i).sourceType());
    }
    st.execute(sql.append(") DEFAULT CHARSET=utf8mb4").toString());
    int extremes = t.columns().stream().mapToInt(c -> c.extremes().size()).max().orElse(0);
    long id = 1;
    for (int row = 0; row < extremes; row++) {
      List<String> values = new ArrayList<>();
      for (Col c : t.columns()) {
        values.add(row < c.extremes().size() ? c.extremes().get(row) : "NULL");
      }
      insert(st, t, id++, values);
    }
    List<String> nulls = t.columns().stream().map(c -> "NULL").toList();
    insert(st, t, id++, nulls);
    for (int row = 0; row < RANDOM_ROWS; row++) {
      List<String> values = new ArrayList<>();
      for (Col c : t.columns()) {
        values.add(random.nextInt(20) == 0 ? "NULL" : c.random().literal(random));
      }
      insert(st, t, id++, values);
    }
  }

  private static void insert(Statement st, Table t, long id, List<String> values)
      throws SQLException {
    String sql =
        "INSERT INTO " + t.name() + " VALUES (" + id + ", " + String.join(", ", values) + ")";
    try {
      st.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(
          e.getMessage() + " in " + sql.substring(0, Math.min(500, sql.length())), e);
    }
    if (st.getWarnings() != null && st.getWarnings().getMessage().contains("Out of range")) {
      throw new SQLException(st.getWarnings().getMessage() + " in " + sql);
    }
  }

  @AfterAll
  void drop() throws SQLException {
    for (TestDatabase db : new TestDatabase[] {source, created, dataOnly}) {
      if (db != null) {
        db.close();
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCellArrivesExactlyInBothModes() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            "create run succeeded",
            () -> assertEquals(0, createRun.exitCode(), createRun.transcript())));
    tests.add(
        DynamicTest.dynamicTest(
            "data-only run succeeded",
            () -> assertEquals(0, dataOnlyRun.exitCode(), dataOnlyRun.transcript())));
    for (Table t : TABLES) {
      for (TestDatabase target : List.of(created, dataOnly)) {
        String mode = target == created ? "create" : "data-only";
        tests.add(
            DynamicTest.dynamicTest(
                t.name() + " (" + mode + ")",
                () -> {
                  try (Connection my = source.connect();
                      Connection pg = target.connect()) {
                    List<String> diff =
                        CellComparison.differences(my, pg, "public", t.name(), "id");
                    assertTrue(
                        diff.isEmpty(),
                        diff.size()
                            + " cells differ:\n"
                            + String.join("\n", diff.subList(0, Math.min(20, diff.size()))));
                  }
                }));
      }
    }
    tests.add(
        DynamicTest.dynamicTest(
            "the comparison sees one ulp, one code point, one microsecond",
            this::comparisonSeesTheSmallestChange));
    return tests.stream();
  }

  /** Proves the comparison above can fail: the smallest change to a cell is seen. */
  private void comparisonSeesTheSmallestChange() throws SQLException {
    try (Connection my = source.connect();
        Connection pg = dataOnly.connect()) {
      pg.setAutoCommit(false);
      try (Statement st = pg.createStatement()) {
        // t_num c4 is float -> real, 1.0000001 in row 5: the next float up is 1.0000002.
        // t_text c1 is varchar; t_time c3 is datetime(6).
        st.execute("UPDATE t_num SET c4 = '1.0000002'::real WHERE id = 5");
        st.execute("UPDATE t_text SET c1 = c1 || 'x' WHERE id = 1");
        st.execute("UPDATE t_time SET c3 = c3 + interval '1 microsecond' WHERE id = 1");
        List<String> diff = new ArrayList<>();
        for (String table : List.of("t_num", "t_text", "t_time")) {
          diff.addAll(CellComparison.differences(my, pg, "public", table, "id"));
        }
        assertEquals(3, diff.size(), String.join("\n", diff));
        assertTrue(diff.get(0).startsWith("t_num id=5 c4"), diff.get(0));
        assertTrue(diff.get(1).startsWith("t_text id=1 c1"), diff.get(1));
        assertTrue(diff.get(2).startsWith("t_time id=1 c3"), diff.get(2));
      } finally {
        pg.rollback();
      }
    }
  }

  // --- generators -----------------------------------------------------------------------------

  private static Col intCol(String sourceType, String targetType, long min, long max) {
    return new Col(
        sourceType,
        targetType,
        List.of(Long.toString(min), Long.toString(max), "0"),
        ints(min, max));
  }

  private static Gen ints(long min, long max) {
    return r -> {
      BigInteger span =
          BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
      BigInteger v = new BigInteger(span.bitLength() + 8, r).mod(span);
      return v.add(BigInteger.valueOf(min)).toString();
    };
  }

  private static String decimal(Random r, int integerDigits, int scale) {
    StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
    int digits = 1 + r.nextInt(integerDigits);
    for (int i = 0; i < digits; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    if (scale > 0) {
      b.append('.');
      for (int i = 0; i < scale; i++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
    }
    return b.toString();
  }

  /**
   * Any finite float, spelled with 17 significant digits of its exact value: the server reads that
   * as a double exactly equal to the float, and storing it as FLOAT is then exact (a shorter
   * decimal could round twice, decimal to double to float).
   */
  static String randomFloat(Random r) {
    float f;
    do {
      f = Float.intBitsToFloat(r.nextInt());
    } while (!Float.isFinite(f) || f == 0 && 1 / f < 0);
    return exact((double) f);
  }

  static String randomDouble(Random r) {
    double d;
    do {
      d = Double.longBitsToDouble(r.nextLong());
    } while (!Double.isFinite(d) || d == 0 && 1 / d < 0);
    return exact(d);
  }

  private static String exact(double d) {
    return d == 0 ? "0" : new BigDecimal(d).round(new MathContext(17)).toString();
  }

  /**
   * Random text: ASCII, the characters COPY escapes, controls other than NUL, Latin-1, the BMP (no
   * surrogates) and the astral planes (emoji, CJK extension B).
   */
  static String randomText(Random r, int maxCodePoints) {
    int n = r.nextInt(maxCodePoints + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(10);
      int cp =
          switch (kind) {
            case 0 -> "\\\t\n\r.N'\"".codePointAt(r.nextInt(8));
            case 1 -> 1 + r.nextInt(31);
            case 2 -> 0x80 + r.nextInt(0x180);
            case 3, 4 -> {
              int c;
              do {
                c = 0x100 + r.nextInt(0xFFFE - 0x100);
              } while (c >= 0xD800 && c <= 0xDFFF);
              yield c;
            }
            case 5 -> 0x1F600 + r.nextInt(0x50);
            case 6 -> 0x20000 + r.nextInt(0xA6D6);
            default -> 0x20 + r.nextInt(0x5F);
          };
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  /** Text as a MySQL literal that no escaping can break: its UTF-8 bytes in hex. */
  static String utf8(String text) {
    if (text.isEmpty()) {
      return "''";
    }
    return "CONVERT(X'"
        + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8))
        + "' USING utf8mb4)";
  }

  private static String bytes(Random r, int max) {
    byte[] b = new byte[r.nextInt(max + 1)];
    r.nextBytes(b);
    return b.length == 0 ? "''" : "X'" + HexFormat.of().formatHex(b) + "'";
  }

  private static String allBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < 256; i++) {
      b[i] = (byte) i;
    }
    return "X'" + HexFormat.of().formatHex(b) + "'";
  }

  private static long randomDay(Random r) {
    long from = LocalDate.of(1000, 1, 1).toEpochDay();
    long to = LocalDate.of(9999, 12, 31).toEpochDay();
    return from + (long) (r.nextDouble() * (to - from));
  }

  private static String randomDateTime(Random r, int fsp) {
    LocalDateTime t =
        LocalDate.ofEpochDay(randomDay(r)).atStartOfDay().plusSeconds(r.nextInt(86400));
    String s = t.toString().replace('T', ' ');
    if (s.length() == 16) {
      s += ":00";
    }
    return fsp == 0 ? s : s + "." + String.format("%06d", r.nextInt(1_000_000));
  }

  private static String randomTimestamp(Random r) {
    long seconds = 1 + (long) (r.nextDouble() * 2147483646L);
    String s = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).toString().replace('T', ' ');
    return s.length() == 16 ? s + ":00" : s;
  }

  private static String randomTime(Random r, int maxHours, int fsp) {
    int h = r.nextInt(maxHours + 1);
    String s =
        (r.nextBoolean() ? "-" : "")
            + String.format("%02d:%02d:%02d", h, r.nextInt(60), r.nextInt(60));
    return fsp == 0 ? s : s + "." + String.format("%06d", r.nextInt(1_000_000));
  }
}
