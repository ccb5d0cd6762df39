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
 * column), each value is checked ({@link NumericFit}): a value that would be rounded or overflow is
 * refused. When the target is at least as wide as the source type, values pass through unchecked.
 */
final class DecimalConverter implements ValueConverter {
  private final NumericFit fit;
  private final boolean check;

  DecimalConverter(ColumnCast cast) {
    this.fit = new NumericFit(cast);
    Integer sp = cast.source().type().length();
    Integer ss = cast.source().type().scale();
    int sourcePrecision = sp == null ? 10 : sp; // MySQL's default: decimal = decimal(10,0)
    int sourceScale = ss == null ? 0 : ss;
    BigInteger sourceMax = BigInteger.TEN.pow(sourcePrecision - sourceScale);
    boolean scaleFits = fit.scale() == null || sourceScale <= fit.scale();
    this.check = !(scaleFits && fit.range().containsAll(sourceMax.negate(), sourceMax));
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    String text = row.getString(index);
    if (text == null) {
      out.appendNull();
    } else if (check) {
      out.appendAscii(fit.fit(new BigDecimal(text), text));
    } else {
      out.appendAscii(text);
    }
  }
}
