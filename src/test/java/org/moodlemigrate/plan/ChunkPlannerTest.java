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
    assertEquals(List.of(Chunk.whole("t", 10)), planner.splitDense("t", "id", 10, 1L, 10L));
    assertEquals(List.of(Chunk.whole("t", 5000)), planner.splitDense("t", "id", 5000, null, null));
  }

  @Test
  void splitsIntoHalfOpenRangesThatCoverEveryKey() {
    List<Chunk> chunks = planner.splitDense("log", "id", 10_000, 1L, 10_000L);
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
    List<Chunk> chunks = planner.splitDense("t", "id", 7_777, -50L, 12_345L);
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
  void theEstimateNeverDecidesTheSplit() {
    // Statistics say a million rows, the keys span three: one chunk, which holds three rows.
    assertEquals(1, planner.splitDense("t", "id", 1_000_000, 1L, 3L).size());
    // Statistics say 0 rows (stale), the keys span a million: a thousand chunks.
    List<Chunk> stale = planner.splitDense("log", "id", 0, 1L, 1_000_000L);
    assertEquals(1000, stale.size());
    assertEquals(500, stale.get(0).rowsEstimate(), "a chunk is taken as half full");
  }

  @Test
  void noRangeSpansMoreThanChunkRowsKeysButTheGapsBeforeTheNextStart() {
    List<Long> starts = List.of(-5L, 995L, 10_000L, 10_999L, 1_000_000_000L);
    List<Chunk> chunks = planner.split("t", "id", 123, starts);
    assertEquals(5, chunks.size());
    assertNull(chunks.get(0).lower());
    assertEquals(995L, chunks.get(0).upper());
    assertEquals(10_000L, chunks.get(2).lower());
    assertEquals(10_999L, chunks.get(2).upper());
    assertEquals(1_000_000_000L, chunks.get(4).lower());
    assertNull(chunks.get(4).upper());
    for (int i = 1; i < chunks.size(); i++) {
      assertEquals(chunks.get(i - 1).upper(), chunks.get(i).lower(), "ranges must touch");
    }
  }

  @Test
  void survivesKeysAtTheEndsOfTheLongRange() {
    List<Chunk> chunks = planner.splitDense("t", "id", 5_000, Long.MIN_VALUE, Long.MAX_VALUE);
    assertEquals(ChunkPlanner.MAX_CHUNKS, chunks.size());
    for (int i = 2; i < chunks.size(); i++) {
      assertTrue(chunks.get(i - 1).lower() < chunks.get(i).lower());
    }
  }

  @Test
  void refusesANonsenseChunkSize() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkPlanner(0));
  }
}
