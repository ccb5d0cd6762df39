package org.moodlemigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {
  private final ChunkPlanner planner = new ChunkPlanner(1000);

  @Test
  void smallOrEmptyTablesAreOneChunk() {
    assertEquals(List.of(Chunk.whole("t", 10)), planner.split("t", "id", 10, 1L, 10L));
    assertEquals(List.of(Chunk.whole("t", 5000)), planner.split("t", "id", 5000, null, null));
  }

  @Test
  void splitsIntoHalfOpenRangesThatCoverEveryKey() {
    List<Chunk> chunks = planner.split("log", "id", 10_000, 1L, 10_000L);
    assertEquals(10, chunks.size());
    assertNull(chunks.get(0).lower(), "the first chunk is open below");
    assertNull(chunks.get(9).upper(), "the last chunk is open above");
    for (int i = 1; i < chunks.size(); i++) {
      assertEquals(chunks.get(i - 1).upper(), chunks.get(i).lower(), "ranges must touch");
    }
    assertEquals(1001L, chunks.get(0).upper());
    for (int i = 0; i < chunks.size(); i++) {
      assertEquals(i, chunks.get(i).number());
      assertEquals(10, chunks.get(i).count());
      assertEquals("id", chunks.get(i).keyColumn());
    }
  }

  @Test
  void everyKeyFallsInExactlyOneChunk() {
    List<Chunk> chunks = planner.split("t", "id", 7_777, -50L, 12_345L);
    for (long key = -200; key < 13_000; key += 7) {
      long k = key;
      long owners =
          chunks.stream()
              .filter(
                  c ->
                      (c.lower() == null || k >= c.lower()) && (c.upper() == null || k < c.upper()))
              .count();
      assertEquals(1, owners, "key " + key);
    }
  }

  @Test
  void neverMoreChunksThanKeys() {
    List<Chunk> chunks = planner.split("t", "id", 1_000_000, 1L, 3L);
    assertEquals(3, chunks.size());
  }

  @Test
  void survivesKeysAtTheEndsOfTheLongRange() {
    List<Chunk> chunks = planner.split("t", "id", 5_000, Long.MIN_VALUE, Long.MAX_VALUE);
    assertEquals(5, chunks.size());
    assertTrue(chunks.get(1).lower() < chunks.get(2).lower());
  }

  @Test
  void refusesANonsenseChunkSize() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkPlanner(0));
  }
}
