package org.moodlemigrate.casts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code DECIMAL} values as their exact decimal text.
 *
 * <p>Read with {@code getString}: the server's text is the exact value, with no binary floating
 * point on the way. When the target keeps fewer integer digits or fewer decimal places than the
 * source type allows ({@code decimal(20,10)} into {@code numeric(10,5)}, or into an integer
 * column), each value is checked: PostgreSQL would round extra decimals silently, so a value that
 * would change is rejected instead. When the target is at least as wide as the source type, values
 * pass through unchecked.
 */
final class DecimalConverter implements ValueConverter {
  private final String column;
  private final String targetType;
  private final boolean integerTarget;
  private final TargetRange range;
  private final Integer targetScale;
  private final boolean check;

  DecimalConverter(ColumnCast cast) {
    this.column = cast.source().name();
    this.targetType = cast.target().formattedType();
    String base = cast.target().baseType();
    this.integerTarget = base.equals("smallint") || base.equals("integer") || base.equals("bigint");
    this.range = TargetRange.of(cast.target());
    this.targetScale = integerTarget ? Integer.valueOf(0) : cast.target().numericScale();
    Integer sp = cast.source().type().length();
    Integer ss = cast.source().type().scale();
    int sourcePrecision = sp == null ? 10 : sp; // MySQL's default: decimal = decimal(10,0)
    int sourceScale = ss == null ? 0 : ss;
    BigInteger sourceMax = BigInteger.TEN.pow(sourcePrecision - sourceScale);
    boolean scaleFits = targetScale == null || sourceScale <= targetScale;
    this.check = !(scaleFits && range.containsAll(sourceMax.negate(), sourceMax));
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    String text = row.getString(index);
    if (text == null) {
      out.appendNull();
      return;
    }
    if (check) {
      BigDecimal value = new BigDecimal(text);
      BigDecimal stripped = value.stripTrailingZeros();
      if (targetScale != null && stripped.scale() > targetScale) {
        throw new RejectedValueException(
            column,
            "value "
                + text
                + " has more decimal places than "
                + targetType
                + " keeps;"
                + " it would be rounded");
      }
      BigInteger whole = value.setScale(0, java.math.RoundingMode.DOWN).toBigIntegerExact();
      if (!range.contains(whole)) {
        throw new RejectedValueException(
            column, "value " + text + " does not fit " + range.describe(targetType));
      }
      if (integerTarget) {
        out.appendAscii(whole.toString());
        return;
      }
    }
    out.appendAscii(text);
  }
}
