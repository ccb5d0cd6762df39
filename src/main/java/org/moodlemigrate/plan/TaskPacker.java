package org.moodlemigrate.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packs chunks into {@link CopyTask}s.
 *
 * <p>Chunks of split tables, and whole tables estimated at a quarter of a chunk or more, become
 * tasks of their own. The remaining small tables are spread over {@code 4 × parallelism} tasks,
 * largest first onto the lightest task, so each worker gets several tasks and the runner can
 * balance them. Tasks come out largest first, so that the long ones start early.
 */
public final class TaskPacker {
  private final int parallelism;
  private final long chunkRows;

  public TaskPacker(int parallelism, long chunkRows) {
    this.parallelism = Math.max(1, parallelism);
    this.chunkRows = chunkRows;
  }

  public List<CopyTask> pack(List<Chunk> chunks) {
    List<CopyTask> tasks = new ArrayList<>();
    List<Chunk> small = new ArrayList<>();
    for (Chunk chunk : chunks) {
      if (!chunk.isWholeTable() || chunk.rowsEstimate() >= chunkRows / 4) {
        tasks.add(new CopyTask(List.of(chunk)));
      } else {
        small.add(chunk);
      }
    }
    if (!small.isEmpty()) {
      int bins = Math.min(small.size(), parallelism * 4);
      List<List<Chunk>> packed = new ArrayList<>();
      long[] load = new long[bins];
      for (int i = 0; i < bins; i++) {
        packed.add(new ArrayList<>());
      }
      small.sort(
          Comparator.comparingLong(Chunk::rowsEstimate).reversed().thenComparing(Chunk::table));
      for (Chunk chunk : small) {
        int lightest = 0;
        for (int i = 1; i < bins; i++) {
          if (load[i] < load[lightest]
              || (load[i] == load[lightest]
                  && packed.get(i).size() < packed.get(lightest).size())) {
            lightest = i;
          }
        }
        packed.get(lightest).add(chunk);
        // Every table costs a few round trips even when empty: count it as one row at least.
        load[lightest] += Math.max(1, chunk.rowsEstimate());
      }
      packed.forEach(p -> tasks.add(new CopyTask(p)));
    }
    tasks.sort(Comparator.comparingLong(CopyTask::rowsEstimate).reversed());
    return tasks;
  }
}
