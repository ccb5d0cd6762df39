package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifyLevelTest {
  @Test
  void parsesLabelsIgnoringCaseAndSpace() {
    assertEquals(VerifyLevel.COUNTS, VerifyLevel.parse("counts"));
    assertEquals(VerifyLevel.COUNTS, VerifyLevel.parse("COUNTS"));
    assertEquals(VerifyLevel.CHECKSUMS, VerifyLevel.parse(" Checksums "));
    for (VerifyLevel level : VerifyLevel.values()) {
      assertEquals(level, VerifyLevel.parse(level.label()));
    }
  }

  @Test
  void anUnknownLevelNamesTheAllowedValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VerifyLevel.parse("rows"));
    assertTrue(e.getMessage().contains("counts, checksums"), e.getMessage());
    assertTrue(e.getMessage().contains("'rows'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VerifyLevel.parse(null));
    assertThrows(IllegalArgumentException.class, () -> VerifyLevel.parse(""));
  }

  @Test
  void labelsAreLowerCase() {
    assertEquals("counts", VerifyLevel.COUNTS.label());
    assertEquals("checksums", VerifyLevel.CHECKSUMS.label());
  }
}
