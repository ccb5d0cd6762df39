package org.moodlemigrate.plan;

import java.io.Serializable;
import java.util.List;

/**
 * The pipeline's element: chunks that one worker copies one after the other, each in its own target
 * transaction.
 *
 * <p>A chunk of a big table is a task on its own. Small tables (one chunk each, most of a Moodle
 * site's ~500 tables hold a few rows) are packed several to a task: a runner pays a fixed cost per
 * element (about 3 ms on the direct runner), which for hundreds of tiny tables would cost more than
 * the data.
 *
 * @param chunks the chunks, copied in this order
 */
public record CopyTask(List<Chunk> chunks) implements Serializable {
  public CopyTask {
    chunks = List.copyOf(chunks);
  }

  public long rowsEstimate() {
    return chunks.stream().mapToLong(Chunk::rowsEstimate).sum();
  }
}
