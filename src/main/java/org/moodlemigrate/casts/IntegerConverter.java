package org.moodlemigrate.casts;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Integers (and {@code YEAR}) as numbers: {@code tinyint(1)} holding 2, -1 or 127 arrives as 2, -1
 * or 127 — never as a boolean.
 *
 * <p>Reads with {@code getLong} (no String per value) except for {@code bigint unsigned}, whose
 * upper half does not fit a long and is read as text. The target's range is checked only when the
 * source type's range does not already fit inside it ({@code int unsigned} into {@code integer}
 * needs the check, {@code tinyint} into {@code smallint} does not).
 */
final class IntegerConverter implements ValueConverter {
  private final String column;
  private final String targetType;
  private final TargetRange range;
  private final boolean readAsText;
  private final boolean check;
  private final long min;
  private final long max;

  IntegerConverter(ColumnCast cast) {
    this.column = cast.source().name();
    this.targetType = cast.target().formattedType();
    this.range = TargetRange.of(cast.target());
    var type = cast.source().type();
    BigInteger sourceMin;
    BigInteger sourceMax;
    if (type.isInteger()) {
      sourceMin = type.integerMin();
      sourceMax = type.integerMax();
    } else { // YEAR: 0 or 1901..2155
      sourceMin = BigInteger.ZERO;
      sourceMax = BigInteger.valueOf(2155);
    }
    this.readAsText = sourceMax.bitLength() > 63;
    this.check = !range.containsAll(sourceMin, sourceMax);
    this.min = clampToLong(range.min(), Long.MIN_VALUE);
    this.max = clampToLong(range.max(), Long.MAX_VALUE);
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    if (readAsText) {
      String text = row.getString(index);
      if (text == null) {
        out.appendNull();
        return;
      }
      if (check && !range.contains(new BigInteger(text))) {
        throw outOfRange(text);
      }
      out.appendAscii(text);
      return;
    }
    long v = row.getLong(index);
    if (row.wasNull()) {
      out.appendNull();
      return;
    }
    if (check && (v < min || v > max)) {
      throw outOfRange(Long.toString(v));
    }
    out.appendAscii(Long.toString(v));
  }

  private RejectedValueException outOfRange(String value) {
    return new RejectedValueException(
        column, "value " + value + " does not fit " + range.describe(targetType), value);
  }

  private static long clampToLong(BigInteger v, long fallback) {
    if (v == null || v.bitLength() > 63) {
      return fallback;
    }
    return v.longValue();
  }
}
