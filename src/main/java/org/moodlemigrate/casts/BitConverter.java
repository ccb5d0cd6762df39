package org.moodlemigrate.casts;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code BIT(n)} values, which the driver returns as big-endian bytes.
 *
 * <p>Into {@code bit(n)} / {@code varbit}: the n-character string of 0s and 1s, leading zeros kept.
 * Into an integer column: the number. Into {@code boolean} ({@code bit(1)} flags): 0 or 1.
 */
final class BitConverter implements ValueConverter {
  private final String column;
  private final String targetBase;
  private final int width;
  private final TargetRange range;

  BitConverter(ColumnCast cast) {
    this.column = cast.source().name();
    this.targetBase = cast.target().baseType();
    Integer length = cast.source().type().length();
    this.width = length == null ? 1 : length;
    this.range = TargetRange.of(cast.target());
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    byte[] bytes = row.getBytes(index);
    if (bytes == null) {
      out.appendNull();
      return;
    }
    BigInteger value = new BigInteger(1, bytes);
    switch (targetBase) {
      case "bit", "varbit" -> out.appendAscii(bits(value, width));
      case "boolean" -> {
        if (value.bitLength() > 1) {
          throw new RejectedValueException(
              column,
              "value b'" + value.toString(2) + "' is neither 0 nor 1",
              "b'" + value.toString(2) + "'");
        }
        out.appendAscii(value.signum() == 0 ? "f" : "t");
      }
      default -> {
        if (!range.contains(value)) {
          throw new RejectedValueException(
              column, "value " + value + " does not fit " + targetBase, value.toString());
        }
        out.appendAscii(value.toString());
      }
    }
  }

  static String bits(BigInteger value, int width) {
    String s = value.toString(2);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}
