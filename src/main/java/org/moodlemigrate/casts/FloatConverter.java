package org.moodlemigrate.casts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code FLOAT} and {@code DOUBLE} values, carried so that the target holds the same binary value.
 *
 * <p>A {@code DOUBLE} arrives as the server's text, which is the shortest decimal that reads back
 * as the same 64 bits; PostgreSQL's {@code float8in} reads it to exactly that value. A {@code
 * FLOAT} is selected widened to double ({@link ColumnCast#selectExpression()}), narrowed back here
 * (exact: the double holds the float's value), and written as the shortest decimal that reads back
 * as the same 32 bits. So into {@code real} a FLOAT is bit for bit the same, and into {@code double
 * precision} it shows the digits MySQL shows, and {@code ::real} gives the same bits back.
 *
 * <p>Refused rather than rounded: a DOUBLE that {@code real} cannot hold exactly, and, into {@code
 * numeric(p,s)}, a value with more decimals or integer digits than the target keeps ({@link
 * NumericFit}). MySQL cannot store NaN or infinities, so those never appear. Negative zero is read
 * as the server prints it, which MariaDB prints as {@code 0}: the one value whose sign is not kept.
 */
final class FloatConverter implements ValueConverter {
  private final String column;
  private final boolean singleSource;
  private final String targetBase;
  private final NumericFit fit;

  FloatConverter(ColumnCast cast) {
    this.column = cast.source().name();
    this.singleSource = cast.source().dataType().equals("float");
    this.targetBase = cast.target().baseType();
    this.fit = targetBase.equals("numeric") ? new NumericFit(cast) : null;
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    String text = row.getString(index);
    if (text == null) {
      out.appendNull();
      return;
    }
    if (!singleSource && targetBase.equals("double precision")) {
      out.appendAscii(text);
      return;
    }
    double value = Double.parseDouble(text);
    String decimal;
    if (singleSource || targetBase.equals("real")) {
      float narrow = (float) value;
      if (narrow != value && !Double.isNaN(value)) {
        throw new RejectedValueException(
            column,
            "value "
                + text
                + " has no exact real (single precision) equivalent; it would be"
                + " rounded to "
                + shortest(narrow),
            text);
      }
      decimal = shortest(narrow);
    } else {
      decimal = text;
    }
    out.appendAscii(fit == null ? decimal : fit.fit(new BigDecimal(decimal), decimal));
  }

  /**
   * The shortest decimal that reads back as exactly {@code f}. Nine significant digits always
   * suffice for a float; fewer usually do ({@code 0.1}, {@code -1234.5677}).
   */
  static String shortest(float f) {
    if (f == 0) {
      return Float.floatToRawIntBits(f) < 0 ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(f);
    int bits = Float.floatToIntBits(f);
    for (int digits = 1; digits < 9; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (Float.floatToIntBits(rounded.floatValue()) == bits) {
        return rounded.toString();
      }
    }
    return exact.round(new MathContext(9, RoundingMode.HALF_EVEN)).toString();
  }
}
