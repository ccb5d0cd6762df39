package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValuePolicyTest {
  @Test
  void defaultsStripNulsAndWriteZeroDatesAsNullAndRejectNothing() {
    ValuePolicy p = ValuePolicy.parse(null, null, 0);
    assertEquals(ValuePolicy.DEFAULT, p);
    assertEquals(ValuePolicy.OnNul.STRIP, p.onNul());
    assertEquals(ValuePolicy.OnZeroDate.NULL, p.onZeroDate());
    assertEquals(0, p.maxRejects());
  }

  @Test
  void readsEveryNulSpelling() {
    assertEquals(ValuePolicy.OnNul.FAIL, ValuePolicy.parse("FAIL", "null", 0).onNul());
    ValuePolicy space = ValuePolicy.parse("replace: ", "null", 0);
    assertEquals(ValuePolicy.OnNul.REPLACE, space.onNul());
    assertEquals(" ", space.nulReplacement());
    assertEquals("\uFFFD", ValuePolicy.parse("replace:U+FFFD", "null", 0).nulReplacement());
    assertEquals("😀", ValuePolicy.parse("replace:😀", "null", 0).nulReplacement());
    assertEquals(ValuePolicy.OnZeroDate.FAIL, ValuePolicy.parse("strip", "Fail", 3).onZeroDate());
  }

  @Test
  void refusesWhatCannotWorkNamingTheOption() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ValuePolicy.parse("drop", "null", 0))
            .getMessage()
            .contains("--on-nul"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ValuePolicy.parse("replace:", "null", 0))
            .getMessage()
            .contains("--on-nul"));
    assertThrows(IllegalArgumentException.class, () -> ValuePolicy.parse("replace:ab", "null", 0));
    assertThrows(
        IllegalArgumentException.class, () -> ValuePolicy.parse("replace:U+0000", "null", 0));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ValuePolicy.parse("strip", "today", 0))
            .getMessage()
            .contains("--on-zero-date"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ValuePolicy.parse("strip", "null", -1))
            .getMessage()
            .contains("--max-rejects"));
  }
}
