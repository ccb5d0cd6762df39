package org.moodlemigrate.casts;

import java.math.BigInteger;
import org.moodlemigrate.catalog.TargetColumn;

/**
 * The whole numbers a target column can hold exactly, for range checks before COPY.
 *
 * <p>Checking here, rather than letting PostgreSQL fail the COPY, turns "smallint out of range,
 * COPY line 81233" into a message naming the row's key and column, and lets the run decide per row.
 * For {@code real} and {@code double precision} the range is where every integer is exactly
 * representable (2^24 and 2^53): beyond it a value would silently become a neighbour.
 *
 * @param min smallest value, null for unbounded
 * @param max largest value, null for unbounded
 */
public record TargetRange(BigInteger min, BigInteger max) {
  public static TargetRange of(TargetColumn target) {
    return switch (target.baseType()) {
      case "smallint" -> bits(16);
      case "integer" -> bits(32);
      case "bigint" -> bits(64);
      case "real" -> symmetric(BigInteger.ONE.shiftLeft(24));
      case "double precision" -> symmetric(BigInteger.ONE.shiftLeft(53));
      case "numeric" -> {
        Integer p = target.numericPrecision();
        Integer s = target.numericScale();
        yield p == null
            ? new TargetRange(null, null)
            : symmetric(BigInteger.TEN.pow(p - s).subtract(BigInteger.ONE));
      }
      default -> new TargetRange(null, null);
    };
  }

  private static TargetRange bits(int n) {
    BigInteger max = BigInteger.ONE.shiftLeft(n - 1).subtract(BigInteger.ONE);
    return new TargetRange(max.negate().subtract(BigInteger.ONE), max);
  }

  private static TargetRange symmetric(BigInteger max) {
    return new TargetRange(max.negate(), max);
  }

  public boolean contains(BigInteger v) {
    return (min == null || v.compareTo(min) >= 0) && (max == null || v.compareTo(max) <= 0);
  }

  /** Whether every value between {@code lo} and {@code hi} fits, so no check is needed. */
  public boolean containsAll(BigInteger lo, BigInteger hi) {
    return contains(lo) && contains(hi);
  }

  public String describe(String typeName) {
    if (min == null && max == null) {
      return typeName;
    }
    return typeName + " (" + min + " .. " + max + ")";
  }
}
