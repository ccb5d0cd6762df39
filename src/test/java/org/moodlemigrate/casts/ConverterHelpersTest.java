package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.Columns;

/**
 * The pure parts of the converters; their reading of real rows is tested in CastRulesRoundTripIT.
 */
class ConverterHelpersTest {
  @Test
  void recognisesZeroDates() {
    assertTrue(TemporalConverter.hasZeroDatePart("0000-00-00"));
    assertTrue(TemporalConverter.hasZeroDatePart("0000-00-00 00:00:00"));
    assertTrue(TemporalConverter.hasZeroDatePart("2024-00-15"));
    assertTrue(TemporalConverter.hasZeroDatePart("2024-05-00 10:00:00"));
    assertFalse(TemporalConverter.hasZeroDatePart("2024-05-01 00:00:00"));
    assertFalse(TemporalConverter.hasZeroDatePart("0001-01-01"));
    assertFalse(TemporalConverter.hasZeroDatePart("12:00:00"));
  }

  @Test
  void writesBitStringsWithLeadingZeros() {
    assertEquals("00000101", BitConverter.bits(BigInteger.valueOf(5), 8));
    assertEquals("1", BitConverter.bits(BigInteger.ONE, 1));
    assertEquals("0000000000", BitConverter.bits(BigInteger.ZERO, 10));
  }

  @Test
  void knowsTargetRanges() {
    TargetRange smallint = TargetRange.of(Columns.target("smallint"));
    assertEquals(BigInteger.valueOf(-32768), smallint.min());
    assertEquals(BigInteger.valueOf(32767), smallint.max());
    assertEquals(
        BigInteger.valueOf(Long.MAX_VALUE), TargetRange.of(Columns.target("bigint")).max());
    assertEquals(new BigInteger("99999"), TargetRange.of(Columns.target("numeric(10,5)")).max());
    assertEquals(
        BigInteger.ONE.shiftLeft(53), TargetRange.of(Columns.target("double precision")).max());
    TargetRange text = TargetRange.of(Columns.target("text"));
    assertNull(text.min());
    assertTrue(text.contains(new BigInteger("123456789012345678901234567890")));
    assertTrue(smallint.containsAll(BigInteger.valueOf(-128), BigInteger.valueOf(127)));
    assertFalse(smallint.containsAll(BigInteger.ZERO, BigInteger.valueOf(65535)));
  }
}
