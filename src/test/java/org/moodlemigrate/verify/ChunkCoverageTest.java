package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.ChunkPlanner;

class ChunkCoverageTest {
  private static Chunk c(int n, int count, Long lower, Long upper) {
    return new Chunk("t", n, count, "id", lower, upper, 10);
  }

  @Test
  void plannedChunksCoverEveryKey() {
    assertNull(ChunkCoverage.gap(List.of(Chunk.whole("t", 5))));
    assertNull(ChunkCoverage.gap(new ChunkPlanner(100).splitDense("t", "id", 1000, 1L, 1000L)));
    assertNull(ChunkCoverage.gap(List.of(c(0, 1, null, null))));
    assertNull(ChunkCoverage.gap(List.of(c(0, 2, null, 50L), c(1, 2, 50L, null))));
  }

  @Test
  void gapsAndOpenEndsAreFound() {
    assertTrue(ChunkCoverage.gap(List.of()).contains("no chunks"));
    assertTrue(
        ChunkCoverage.gap(List.of(c(0, 2, 1L, 50L), c(1, 2, 50L, null))).contains("below 1"));
    assertTrue(
        ChunkCoverage.gap(List.of(c(0, 2, null, 50L), c(1, 2, 50L, 100L))).contains("from 100"));
    assertTrue(
        ChunkCoverage.gap(List.of(c(0, 2, null, 50L), c(1, 2, 60L, null))).contains("do not meet"));
    assertTrue(ChunkCoverage.gap(List.of(c(0, 2, null, 50L), Chunk.whole("t", 1))).contains("mix"));
  }
}
