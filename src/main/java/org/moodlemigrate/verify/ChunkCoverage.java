package org.moodlemigrate.verify;

import java.util.List;
import org.moodlemigrate.plan.Chunk;

/**
 * Checks that a table's chunks cover every key exactly once: one whole-table chunk, or key ranges
 * from an open lower bound to an open upper bound, each starting where the previous one ends. A
 * verify over chunks with a gap would miss the rows in it and pass.
 */
final class ChunkCoverage {
  private ChunkCoverage() {}

  /** Null when the chunks, in number order, cover every key; otherwise what is wrong. */
  static String gap(List<Chunk> chunks) {
    if (chunks.isEmpty()) {
      return "no chunks";
    }
    if (chunks.size() == 1 && chunks.get(0).isWholeTable()) {
      return null;
    }
    String table = chunks.get(0).table();
    Chunk first = chunks.get(0);
    if (chunks.stream().anyMatch(Chunk::isWholeTable)) {
      return "the chunks of " + table + " mix a whole-table chunk with key ranges";
    }
    if (first.lower() != null) {
      return "the chunks of " + table + " leave out keys below " + first.lower();
    }
    for (int i = 1; i < chunks.size(); i++) {
      Long upper = chunks.get(i - 1).upper();
      Long lower = chunks.get(i).lower();
      if (upper == null || !upper.equals(lower)) {
        return "the chunks of "
            + table
            + " do not meet: "
            + chunks.get(i - 1).describe()
            + " is followed by "
            + chunks.get(i).describe();
      }
    }
    Chunk last = chunks.get(chunks.size() - 1);
    if (last.upper() != null) {
      return "the chunks of " + table + " leave out keys from " + last.upper();
    }
    return null;
  }
}
