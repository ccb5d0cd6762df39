package org.moodlemigrate.journal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.moodlemigrate.plan.Chunk;

/**
 * A run's chunks as recorded when it planned, and which of them are done.
 *
 * @param chunks every chunk, by source table, in chunk order
 * @param done the ids ({@link #id}) of the chunks that are done
 */
public record PlannedChunks(Map<String, List<Chunk>> chunks, Set<String> done) {

  /** A chunk's id within its run. */
  static String id(Chunk chunk) {
    return chunk.table() + "\u0000" + chunk.number();
  }

  public boolean isDone(Chunk chunk) {
    return done.contains(id(chunk));
  }

  /** Whether every chunk of the run is done. */
  public boolean allDone() {
    return chunks.values().stream().flatMap(List::stream).allMatch(this::isDone);
  }
}
