package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExcerptTest {
  @Test
  void spellsOutControlCharactersSoALineStaysOneLine() {
    assertEquals(
        "a\\0b\\n\\r\\t\\\\\\x1b\\x7f\\x85é😀", Excerpt.of("a\0b\n\r\t\\\u001b\u007f\u0085é😀"));
    assertEquals("NULL", Excerpt.of((String) null));
  }

  @Test
  void cutsLongTextAfterAFixedNumberOfCharactersAndSaysHowLongItWas() {
    String e = Excerpt.of("😀".repeat(1000));
    assertTrue(e.startsWith("😀".repeat(Excerpt.CHARS) + "… (1000 characters)"), e);
    assertEquals("x".repeat(Excerpt.CHARS), Excerpt.of("x".repeat(Excerpt.CHARS)));
  }

  @Test
  void showsBinaryAsBoundedHex() {
    assertEquals("\\x00ff", Excerpt.of(new byte[] {0, -1}));
    String e = Excerpt.of(new byte[100]);
    assertTrue(e.endsWith("… (100 bytes)"), e);
    assertEquals(2 + 2 * Excerpt.BYTES + "… (100 bytes)".length(), e.length());
  }

  @Test
  void printableKeepsTheWholeText() {
    assertEquals("x".repeat(500) + "\\n", Excerpt.printable("x".repeat(500) + "\n"));
  }
}
