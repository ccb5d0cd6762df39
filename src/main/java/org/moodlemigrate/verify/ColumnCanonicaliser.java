package org.moodlemigrate.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.casts.SourceText;
import org.moodlemigrate.sql.Identifiers;

/**
 * Reads one column's cells on both sides in a form exact for its type and turns each into canonical
 * bytes, equal on both sides exactly when the values are equal. Chosen once per column (from the
 * {@link ValueDomain} and the target type), used for every row.
 *
 * <p>The read expressions are those of docs/cast-rules.md ("How values are compared"). On the
 * source: FLOAT widened ({@code col * 1e0}, exact; the server prints a FLOAT with six digits), BIT
 * and YEAR as unsigned numbers, DATE, DATETIME, TIMESTAMP and TIME as the server's text (no driver
 * parsing, no zone arithmetic: the session zone is UTC). On the target: {@code timestamptz} as UTC
 * wall-clock text, {@code interval} as microseconds, {@code boolean} as 0/1, {@code bit(n)} as its
 * number, everything else as its text, under {@code extra_float_digits = 3} and ISO dates.
 *
 * <p>Bytes are compared as bytes and text as its UTF-8 bytes, without going through hex strings or
 * Java strings: Connector/J hands over the raw UTF-8 of a utf8/utf8mb3/utf8mb4 column, pgjdbc of
 * any text value. Text in any other character set is read as the server converts it, {@code
 * CONVERT(col USING utf8mb4)}: what MySQL itself says the text is, never the JVM's decoding of its
 * bytes, so that the copy is compared with the server rather than with the tool's own reading. A
 * value that cannot be read in its domain (a number column holding {@code NaN}, text in a JSON
 * column) becomes a marker followed by its text, which never equals a readable value.
 */
public final class ColumnCanonicaliser {
  private static final byte[] UNREADABLE = {(byte) 0xFF, (byte) 0xFE};

  private final String sourceColumn;
  private final String targetColumn;
  private final ValueDomain domain;
  private final String targetType;
  private final boolean sourceBytes;
  private final boolean targetBytes;
  private final String sourceExpression;
  private final String targetExpression;

  private ColumnCanonicaliser(
      String sourceColumn,
      String sourceCharset,
      String targetColumn,
      String targetType,
      ValueDomain domain) {
    this.sourceColumn = sourceColumn;
    this.targetColumn = targetColumn;
    this.domain = domain;
    this.targetType = targetType;
    boolean converted = domain == ValueDomain.TEXT && SourceText.convertedByServer(sourceCharset);
    this.sourceBytes =
        domain == ValueDomain.BYTES
            || (domain == ValueDomain.TEXT && SourceText.storedAsUtf8(sourceCharset))
            || converted;
    this.targetBytes = domain == ValueDomain.BYTES || domain == ValueDomain.TEXT;
    String quoted = Identifiers.mysql(sourceColumn);
    this.sourceExpression =
        converted ? SourceText.converted(quoted, sourceCharset) : sourceExpression(quoted, domain);
    this.targetExpression = targetExpression(Identifiers.postgres(targetColumn), targetType);
  }

  /** The canonicaliser for a planned column. */
  public static ColumnCanonicaliser of(ColumnCast cast) {
    return new ColumnCanonicaliser(
        cast.source().name(),
        cast.source().charset(),
        cast.target().name(),
        cast.target().baseType(),
        ValueDomain.of(cast.source(), cast.target()));
  }

  /** For tests: a column named {@code name} on both sides. */
  static ColumnCanonicaliser of(
      String name, String sourceCharset, String targetType, ValueDomain domain) {
    return new ColumnCanonicaliser(name, sourceCharset, name, targetType, domain);
  }

  private static String sourceExpression(String q, ValueDomain domain) {
    return switch (domain) {
      case FLOAT32 -> "(" + q + " * 1e0)";
      case BITS, YEAR -> "CAST(" + q + " AS UNSIGNED)";
      case DATE, TIMESTAMP, DURATION -> "CAST(" + q + " AS CHAR)";
      default -> q;
    };
  }

  private static String targetExpression(String q, String type) {
    return switch (String.valueOf(type)) {
      case "bytea" -> q;
      case "timestamptz" -> "to_char(" + q + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
      case "interval" -> "(EXTRACT(EPOCH FROM " + q + ") * 1000000)::numeric::text";
      case "boolean" -> "(" + q + ")::int::text";
      default -> q + "::text";
    };
  }

  /** The source column name, as the run's anomaly report names it. */
  public String sourceColumn() {
    return sourceColumn;
  }

  public String targetColumn() {
    return targetColumn;
  }

  public ValueDomain domain() {
    return domain;
  }

  /** What to SELECT on the source for this column. */
  public String sourceExpression() {
    return sourceExpression;
  }

  /** What to SELECT on the target for this column. */
  public String targetExpression() {
    return targetExpression;
  }

  /** The canonical bytes of the source cell at {@code index}; null for SQL NULL. */
  public byte[] source(ResultSet rs, int index) throws SQLException {
    if (sourceBytes) {
      return rs.getBytes(index);
    }
    String text = rs.getString(index);
    return text == null ? null : canonicalSource(text);
  }

  /** The canonical bytes of the target cell at {@code index}; null for SQL NULL. */
  public byte[] target(ResultSet rs, int index) throws SQLException {
    if (targetBytes) {
      return rs.getBytes(index);
    }
    String text = rs.getString(index);
    return text == null ? null : canonicalTarget(text);
  }

  /** The canonical bytes of a non-null source cell read as text. */
  byte[] canonicalSource(String text) {
    try {
      return switch (domain) {
        case NUMBER, YEAR, BITS -> ascii(CanonicalValues.number(text));
        case FLOAT32 -> int32(CanonicalValues.float32Bits(text, false));
        case FLOAT64 -> int64(CanonicalValues.float64Bits(text));
        case TEXT, BYTES -> text.getBytes(StandardCharsets.UTF_8);
        case JSON -> CanonicalValues.json(text).getBytes(StandardCharsets.UTF_8);
        case DATE, TIMESTAMP -> ascii(CanonicalValues.wallClock(text));
        case DURATION -> ascii(Long.toString(CanonicalValues.timeMicros(text)));
      };
    } catch (IllegalArgumentException e) {
      return unreadable(text);
    }
  }

  /** The canonical bytes of a non-null target cell read as text. */
  byte[] canonicalTarget(String text) {
    try {
      String value =
          "bit".equals(targetType) || "varbit".equals(targetType)
              ? CanonicalValues.bitsAsNumber(text)
              : text;
      return switch (domain) {
        case NUMBER, YEAR, BITS -> ascii(CanonicalValues.number(value));
        case FLOAT32 -> int32(CanonicalValues.float32Bits(value, "real".equals(targetType)));
        case FLOAT64 -> int64(CanonicalValues.float64Bits(value));
        case TEXT, BYTES -> value.getBytes(StandardCharsets.UTF_8);
        case JSON -> CanonicalValues.json(value).getBytes(StandardCharsets.UTF_8);
        case DATE, TIMESTAMP -> ascii(CanonicalValues.wallClock(value));
        case DURATION ->
            value.indexOf(':') >= 0 // time text; an interval is read as microseconds
                ? ascii(Long.toString(CanonicalValues.timeMicros(value)))
                : ascii(CanonicalValues.number(value));
      };
    } catch (IllegalArgumentException e) {
      return unreadable(text);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] int32(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  private static byte[] int64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  /**
   * A marker that no canonical form starts with (0xFF never occurs in UTF-8 or ASCII, and float
   * bits starting with it are NaNs, which are canonicalised), then the text.
   */
  private static byte[] unreadable(String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[UNREADABLE.length + t.length];
    System.arraycopy(UNREADABLE, 0, out, 0, UNREADABLE.length);
    System.arraycopy(t, 0, out, UNREADABLE.length, t.length);
    return out;
  }

  @Override
  public String toString() {
    return sourceColumn + " (" + domain + " into " + targetType + ")";
  }
}
