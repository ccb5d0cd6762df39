package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.testing.Columns;

/**
 * The canonical forms of a source cell and of its target cell agree exactly when the values are
 * equal, for each pairing of source and target types the cast rules make.
 */
class ColumnCanonicaliserTest {

  private static ColumnCanonicaliser column(String sourceType, String targetType) {
    return ColumnCanonicaliser.of(
        new ColumnCast("r", "c", Columns.source(sourceType), Columns.target(targetType)));
  }

  private static boolean same(ColumnCanonicaliser c, String source, String target) {
    return Arrays.equals(c.canonicalSource(source), c.canonicalTarget(target));
  }

  private static void agree(ColumnCanonicaliser c, String source, String target) {
    assertArrayEquals(
        c.canonicalSource(source),
        c.canonicalTarget(target),
        c + ": source " + source + " vs target " + target);
  }

  private static void differ(ColumnCanonicaliser c, String source, String target) {
    assertFalse(same(c, source, target), c + ": source " + source + " vs target " + target);
  }

  @Test
  void theDomainComesFromTheSourceTypeAndTheTargetType() {
    assertEquals(ValueDomain.NUMBER, column("tinyint(1)", "smallint").domain());
    assertEquals(ValueDomain.NUMBER, column("tinyint(1)", "boolean").domain());
    assertEquals(ValueDomain.YEAR, column("year(4)", "smallint").domain());
    assertEquals(ValueDomain.FLOAT32, column("float", "real").domain());
    assertEquals(ValueDomain.FLOAT64, column("double", "double precision").domain());
    assertEquals(ValueDomain.TEXT, column("longtext", "text").domain());
    assertEquals(ValueDomain.JSON, column("longtext", "jsonb").domain());
    assertEquals(ValueDomain.JSON, column("longtext", "json").domain());
    assertEquals(ValueDomain.JSON, column("json", "text").domain());
    assertEquals(ValueDomain.TEXT, column("enum('a','b')", "varchar(1)").domain());
    assertEquals(ValueDomain.BYTES, column("blob", "bytea").domain());
    assertEquals(ValueDomain.BYTES, column("point", "bytea").domain());
    assertEquals(ValueDomain.DATE, column("date", "date").domain());
    assertEquals(ValueDomain.TIMESTAMP, column("datetime(6)", "timestamp(6)").domain());
    assertEquals(ValueDomain.TIMESTAMP, column("timestamp", "timestamptz").domain());
    assertEquals(ValueDomain.DURATION, column("time", "interval").domain());
    assertEquals(ValueDomain.BITS, column("bit(5)", "bit(5)").domain());
  }

  @Test
  void readExpressionsQuoteTheColumnOnBothSides() {
    ColumnCanonicaliser c =
        ColumnCanonicaliser.of("we`ird\"name", "utf8mb4", "timestamptz", ValueDomain.TIMESTAMP);
    assertEquals("CAST(`we``ird\"name` AS CHAR)", c.sourceExpression());
    assertEquals(
        "to_char(\"we`ird\"\"name\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
        c.targetExpression());
  }

  @Test
  void readExpressionsPerType() {
    assertEquals("(`c` * 1e0)", column("float", "real").sourceExpression());
    assertEquals("\"c\"::text", column("float", "real").targetExpression());
    assertEquals("CAST(`c` AS UNSIGNED)", column("bit(5)", "bit(5)").sourceExpression());
    assertEquals("CAST(`c` AS UNSIGNED)", column("year(4)", "smallint").sourceExpression());
    assertEquals("CAST(`c` AS CHAR)", column("time", "interval").sourceExpression());
    assertEquals("CAST(`c` AS CHAR)", column("date", "date").sourceExpression());
    assertEquals(
        "(EXTRACT(EPOCH FROM \"c\") * 1000000)::numeric::text",
        column("time", "interval").targetExpression());
    assertEquals("(\"c\")::int::text", column("tinyint(1)", "boolean").targetExpression());
    assertEquals("\"c\"", column("blob", "bytea").targetExpression());
    assertEquals("`c`", column("blob", "bytea").sourceExpression());
    assertEquals("`c`", column("varchar(10)", "varchar(10)").sourceExpression());
    assertEquals("\"c\"::text", column("char(10)", "char(10)").targetExpression());
  }

  @Test
  void integersAgreeAcrossTypes() {
    ColumnCanonicaliser tiny = column("tinyint(1)", "smallint");
    agree(tiny, "1", "1");
    agree(tiny, "2", "2");
    agree(tiny, "-1", "-1");
    agree(tiny, "127", "127");
    differ(tiny, "1", "2");
    ColumnCanonicaliser unsigned = column("bigint(20) unsigned", "numeric(20,0)");
    agree(unsigned, "18446744073709551615", "18446744073709551615");
    differ(unsigned, "18446744073709551615", "18446744073709551614");
    ColumnCanonicaliser zerofill = column("int(5) unsigned zerofill", "integer");
    agree(zerofill, "00042", "42");
  }

  @Test
  void booleanTargetsAreReadAsZeroOrOne() {
    ColumnCanonicaliser flag = column("tinyint(1)", "boolean");
    agree(flag, "1", "1");
    agree(flag, "0", "0");
    differ(flag, "2", "1"); // a tinyint 2 carried into a boolean is not the same value
    ColumnCanonicaliser bit = column("bit(1)", "boolean");
    agree(bit, "1", "1");
  }

  @Test
  void decimalsAgreeWithoutTrailingZeros() {
    ColumnCanonicaliser d = column("decimal(10,5)", "numeric(10,5)");
    agree(d, "1.50000", "1.50000");
    agree(d, "1.50000", "1.5");
    agree(d, "-0.00000", "0.00000");
    differ(d, "1.50000", "1.50001");
    ColumnCanonicaliser asText = column("decimal(10,2)", "varchar(20)");
    agree(asText, "1.50", "1.50");
  }

  @Test
  void floatsCompareTheirBits() {
    ColumnCanonicaliser real = column("float", "real");
    agree(real, "1.0000001192092896", "1.0000001");
    agree(real, "0.10000000149011612", "0.1");
    agree(real, "3.4028234663852886e38", "3.4028235e+38");
    differ(real, "1.0000001192092896", "1.0000002");
    ColumnCanonicaliser widened = column("float", "double precision");
    agree(widened, "0.10000000149011612", "0.100000001490116119");
    ColumnCanonicaliser dbl = column("double", "double precision");
    agree(dbl, "0.1", "0.100000000000000006");
    differ(dbl, "0.1", "0.10000000000000002");
  }

  @Test
  void bitsAreNumbersWhateverTheTargetType() {
    agree(column("bit(5)", "bit(5)"), "5", "00101");
    agree(column("bit(64)", "bit(64)"), "18446744073709551615", "1".repeat(64));
    agree(column("bit(10)", "integer"), "1023", "1023");
    differ(column("bit(5)", "bit(5)"), "5", "00100");
  }

  @Test
  void yearsAreNumbers() {
    ColumnCanonicaliser year = column("year(4)", "smallint");
    agree(year, "2024", "2024");
    agree(year, "0", "0");
  }

  @Test
  void textIsComparedByItsUtf8Bytes() {
    ColumnCanonicaliser text = column("varchar(255)", "varchar(255)");
    agree(text, "ü😀𠮷", "ü😀𠮷");
    agree(text, "", "");
    differ(text, "e\u0301", "é"); // no Unicode normalisation: code point for code point
    differ(text, "a\u0000b", "ab"); // a stripped NUL is a difference, for the anomalies to explain
    agree(text, "a\u0000b", "a\u0000b");
    assertArrayEquals(
        "😀".getBytes(StandardCharsets.UTF_8), text.canonicalSource("😀"), "raw UTF-8");
  }

  @Test
  void jsonIsComparedSemantically() {
    ColumnCanonicaliser json = column("longtext", "jsonb");
    agree(json, "{\"b\": [1, 2.50], \"a\": \"\\u00e9\"}", "{\"a\": \"é\", \"b\": [1, 2.5]}");
    differ(json, "{\"a\": 1}", "{\"a\": 2}");
    // Invalid JSON on the source compares as its text and never equals a document.
    differ(json, "not json", "\"not json\"");
    agree(json, "not json", "not json");
  }

  @Test
  void datesAndTimestampsAreWallClockText() {
    agree(column("date", "date"), "2024-02-29", "2024-02-29");
    differ(column("date", "date"), "2024-02-29", "2024-03-01");
    ColumnCanonicaliser dt = column("datetime(6)", "timestamp(6)");
    agree(dt, "2024-01-02 03:04:05.120000", "2024-01-02 03:04:05.12");
    agree(dt, "2024-01-02 03:04:05.000000", "2024-01-02 03:04:05");
    differ(dt, "2024-01-02 03:04:05.000001", "2024-01-02 03:04:05");
    ColumnCanonicaliser ts = column("timestamp", "timestamptz");
    agree(ts, "2038-01-19 03:14:07", "2038-01-19 03:14:07.000000");
  }

  @Test
  void aZeroDateDiffersFromAnythingTheTargetCanHold() {
    ColumnCanonicaliser dt = column("datetime", "timestamp");
    differ(dt, "0000-00-00 00:00:00", "0001-01-01 00:00:00");
    assertNotNull(dt.canonicalSource("0000-00-00 00:00:00"), "not NULL");
  }

  @Test
  void timesAreMicrosecondsInIntervalAndTimeTargets() {
    ColumnCanonicaliser interval = column("time", "interval");
    agree(interval, "838:59:59", "3020399000000.000000");
    agree(interval, "-838:59:59", "-3020399000000.000000");
    agree(interval, "-00:00:01", "-1000000.000000");
    agree(interval, "00:00:00", "0.000000");
    ColumnCanonicaliser fraction = column("time(6)", "interval");
    agree(fraction, "-838:59:58.999999", "-3020398999999.000000");
    agree(fraction, "00:00:00.000001", "1.000000");
    differ(fraction, "00:00:00.000001", "2.000000");
    ColumnCanonicaliser time = column("time", "time");
    agree(time, "23:59:59", "23:59:59");
    agree(time, "12:00:00.500000", "12:00:00.5");
  }

  @Test
  void unreadableValuesNeverEqualReadableOnes() {
    ColumnCanonicaliser n = column("decimal(10,2)", "numeric(10,2)");
    differ(n, "1", "NaN");
    agree(n, "NaN", "NaN");
  }
}
