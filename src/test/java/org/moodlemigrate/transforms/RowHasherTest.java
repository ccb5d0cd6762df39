package org.moodlemigrate.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The source side's canonical texts match what PostgreSQL's digest expressions print ({@link
 * CopyDigest}); {@code CopyDigestIT} and the type-fidelity tests check them against the server.
 */
class RowHasherTest {
  private static CopyDigest.Field field(CopyDigest.Kind kind, int scale) {
    return new CopyDigest.Field(1, kind, scale, "");
  }

  @Test
  void decimalsArePlainAtTheSourcesScale() {
    CopyDigest.Field d = field(CopyDigest.Kind.DECIMAL, 8);
    assertEquals("0.00000001", RowHasher.text(d, "1E-8"), "BigDecimal's scientific form");
    assertEquals("-12.50000000", RowHasher.text(d, "-12.5"));
    assertEquals(
        "123456789012345678901234567890",
        RowHasher.text(field(CopyDigest.Kind.DECIMAL, 0), "123456789012345678901234567890"));
    assertThrows(IllegalArgumentException.class, () -> RowHasher.text(d, "0.000000001"));
  }

  @Test
  void timestampsHaveSixFractionalDigits() {
    assertEquals("2024-03-31 02:30:00.000000", RowHasher.micros("2024-03-31 02:30:00"));
    assertEquals("2024-03-31 02:30:00.500000", RowHasher.micros("2024-03-31 02:30:00.5"));
    assertEquals("0999-01-01 00:00:00.123456", RowHasher.micros("0999-01-01T00:00:00.123456"));
    assertEquals("2024-01-01 00:00:00.000001", RowHasher.micros("2024-01-01 00:00:00.000001000"));
    assertThrows(
        IllegalArgumentException.class, () -> RowHasher.micros("2024-01-01 00:00:00.0000001"));
    assertThrows(IllegalArgumentException.class, () -> RowHasher.micros("yesterday"));
  }

  @Test
  void datesAreTheirFirstTenCharacters() {
    assertEquals("2024-02-29", RowHasher.text(field(CopyDigest.Kind.DATE, 0), "2024-02-29"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RowHasher.text(field(CopyDigest.Kind.DATE, 0), "29.02.2024"));
  }
}
