package org.moodlemigrate.casts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Whether an exact decimal value fits a {@code numeric(p,s)} or integer target column without
 * change. PostgreSQL rounds extra decimal places silently on input, so a value that would be
 * rounded, or that has too many integer digits, is refused here with the row named.
 */
final class NumericFit {
  private final String column;
  private final String targetType;
  private final boolean integerTarget;
  private final TargetRange range;
  private final Integer scale;

  NumericFit(ColumnCast cast) {
    this.column = cast.source().name();
    this.targetType = cast.target().formattedType();
    String base = cast.target().baseType();
    this.integerTarget = base.equals("smallint") || base.equals("integer") || base.equals("bigint");
    this.range = TargetRange.of(cast.target());
    this.scale = integerTarget ? Integer.valueOf(0) : cast.target().numericScale();
  }

  /** The decimal places the target keeps; null when unconstrained. */
  Integer scale() {
    return scale;
  }

  TargetRange range() {
    return range;
  }

  /**
   * @param value the exact value
   * @param text how the source printed it, for messages
   * @return the text to write: the value as plain digits (a whole number for integer targets)
   */
  String fit(BigDecimal value, String text) throws RejectedValueException {
    BigDecimal stripped = value.stripTrailingZeros();
    if (scale != null && stripped.scale() > scale) {
      throw new RejectedValueException(
          column,
          "value "
              + text
              + " has more decimal places than "
              + targetType
              + " keeps; it would be"
              + " rounded",
          text);
    }
    BigInteger whole = value.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    if (!range.contains(whole)) {
      throw new RejectedValueException(
          column, "value " + text + " does not fit " + range.describe(targetType), text);
    }
    if (integerTarget) {
      return whole.toString();
    }
    return value.toPlainString();
  }
}
