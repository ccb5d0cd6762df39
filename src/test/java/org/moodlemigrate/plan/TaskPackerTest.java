package org.moodlemigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPackerTest {
  @Test
  void everyChunkLandsInExactlyOneTask() {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      chunks.add(Chunk.whole("t" + i, i % 7 == 0 ? 0 : i));
    }
    chunks.addAll(new ChunkPlanner(1000).splitDense("big", "id", 10_000, 1L, 10_000L));
    List<CopyTask> tasks = new TaskPacker(2, 1000).pack(chunks);
    List<Chunk> flat = tasks.stream().flatMap(t -> t.chunks().stream()).toList();
    assertEquals(chunks.size(), flat.size());
    assertEquals(new java.util.HashSet<>(chunks), new java.util.HashSet<>(flat));
  }

  @Test
  void chunksOfSplitTablesAndLargeTablesStandAlone() {
    List<Chunk> chunks =
        new ArrayList<>(new ChunkPlanner(1000).splitDense("big", "id", 3_000, 1L, 3_000L));
    chunks.add(Chunk.whole("medium", 600));
    chunks.add(Chunk.whole("tiny", 3));
    List<CopyTask> tasks = new TaskPacker(4, 1000).pack(chunks);
    assertEquals(5, tasks.size());
    assertTrue(tasks.stream().allMatch(t -> t.chunks().size() == 1));
  }

  @Test
  void smallTablesArePackedIntoFourTasksPerWorkerLargestFirst() {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      chunks.add(Chunk.whole("t" + i, 10));
    }
    List<CopyTask> tasks = new TaskPacker(2, 1000).pack(chunks);
    assertEquals(8, tasks.size());
    assertTrue(tasks.stream().allMatch(t -> t.chunks().size() >= 12 && t.chunks().size() <= 13));
    for (int i = 1; i < tasks.size(); i++) {
      assertTrue(tasks.get(i - 1).rowsEstimate() >= tasks.get(i).rowsEstimate());
    }
  }

  @Test
  void emptyInputGivesNoTasks() {
    assertTrue(new TaskPacker(2, 1000).pack(List.of()).isEmpty());
  }
}
