package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
  private static byte[] b(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[][] row(String... cells) {
    byte[][] out = new byte[cells.length][];
    for (int i = 0; i < cells.length; i++) {
      out[i] = b(cells[i]);
    }
    return out;
  }

  private static String ordered(byte[][]... rows) {
    ContentDigest d = ContentDigest.ordered();
    long key = 1;
    for (byte[][] r : rows) {
      d.add(key++, r);
    }
    return d.hex();
  }

  private static String unordered(List<byte[][]> rows) {
    ContentDigest d = ContentDigest.unordered();
    rows.forEach(d::add);
    return d.hex();
  }

  @Test
  void cellsAreLengthPrefixedSoBoundariesMatter() {
    assertNotEquals(ordered(row("ab", "c")), ordered(row("a", "bc")));
    assertNotEquals(
        unordered(List.<byte[][]>of(row("ab", "c"))), unordered(List.<byte[][]>of(row("a", "bc"))));
    assertNotEquals(ordered(row("abc", "")), ordered(row("", "abc")));
  }

  @Test
  void nullEmptyAndTheWordNullAreThreeValues() {
    String nul = ordered(row((String) null));
    String empty = ordered(row(""));
    String word = ordered(row("NULL"));
    assertNotEquals(nul, empty);
    assertNotEquals(nul, word);
    assertNotEquals(empty, word);
    assertNotEquals(
        unordered(List.<byte[][]>of(row((String) null))), unordered(List.<byte[][]>of(row(""))));
  }

  @Test
  void theSameRowsGiveTheSameChecksum() {
    assertEquals(ordered(row("a", null), row("b", "c")), ordered(row("a", null), row("b", "c")));
    assertEquals(32, ordered(row("a")).length());
    assertEquals(32, unordered(List.<byte[][]>of(row("a"))).length());
  }

  @Test
  void theKeyIsPartOfAnOrderedRow() {
    ContentDigest one = ContentDigest.ordered();
    one.add(1, row("x"));
    ContentDigest two = ContentDigest.ordered();
    two.add(2, row("x"));
    assertNotEquals(one.hex(), two.hex());
  }

  @Test
  void orderedChecksumsDependOnOrder() {
    assertNotEquals(ordered(row("a"), row("b")), ordered(row("b"), row("a")));
  }

  @Test
  void unorderedChecksumsDoNotDependOnOrder() {
    Random r = new Random(7);
    List<byte[][]> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      byte[] cell = new byte[r.nextInt(20)];
      r.nextBytes(cell);
      rows.add(new byte[][] {cell, r.nextBoolean() ? null : b(Integer.toString(i))});
    }
    String before = unordered(rows);
    Collections.shuffle(rows, r);
    assertEquals(before, unordered(rows));
    Collections.reverse(rows);
    assertEquals(before, unordered(rows));
  }

  @Test
  void unorderedChecksumsSeeDuplicatesAndMissingRows() {
    String two = unordered(List.<byte[][]>of(row("a"), row("b")));
    assertNotEquals(two, unordered(List.<byte[][]>of(row("a"), row("b"), row("b"))));
    assertNotEquals(two, unordered(List.<byte[][]>of(row("a"))));
    assertNotEquals(two, unordered(List.<byte[][]>of(row("a"), row("c"))));
    // Adding a row twice is not the same as adding another row: the sum carries.
    assertNotEquals(
        unordered(List.<byte[][]>of(row("a"), row("a"))),
        unordered(List.<byte[][]>of(row("b"), row("c"))));
  }

  @Test
  void rowsAreCounted() {
    ContentDigest d = ContentDigest.unordered();
    d.add(row("a"));
    d.add(row("a"));
    assertEquals(2, d.rows());
    assertEquals("00000000000000000000000000000000", ContentDigest.unordered().hex());
  }
}
