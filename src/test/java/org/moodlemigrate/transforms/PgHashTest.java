package org.moodlemigrate.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link PgHash} against values PostgreSQL 15 printed for {@code SELECT hashtextextended(…)} (a
 * little-endian server), covering every tail length and a seed. {@code CopyDigestIT} compares it
 * with the server again on thousands of random texts.
 */
class PgHashTest {
  private static long hash(String s, long seed) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return PgHash.bytesExtended(b, 0, b.length, seed);
  }

  @Test
  void equalsPostgresqlsHashtextextended() {
    assertEquals(-6939563903564495251L, hash("", 0));
    assertEquals(3591986179850072241L, hash("a", 0));
    assertEquals(-7556637188122330412L, hash("abcdefghijkl", 0));
    assertEquals(8871624171452417744L, hash("abcdefghijklm", 0));
    assertEquals(7479662582497758361L, hash("moodle-migrate é😀 digest", 0));
    assertEquals(5924832983353149656L, hash("x", 42));
    assertEquals(5794928424816717434L, hash("0123456789".repeat(7), 0));
  }

  @Test
  void hashesTheBytesItIsGivenNotTheArrayAroundThem() {
    byte[] padded = "..abcdefghijklm..".getBytes(StandardCharsets.UTF_8);
    assertEquals(8871624171452417744L, PgHash.bytesExtended(padded, 2, 13, 0));
  }
}
