package org.moodlemigrate.transforms;

import java.io.Serializable;

/**
 * How one chunk went.
 *
 * @param table the source table
 * @param chunkNo the chunk number
 * @param rowsRead rows read from the source
 * @param rowsWritten rows the target's COPY reported
 * @param rowsRejected rows not carried, recorded for the reject file
 * @param valuesChanged values carried changed under the value policy, each recorded
 * @param seconds wall time of the chunk
 * @param error why it failed, null on success
 */
public record ChunkOutcome(
    String table,
    int chunkNo,
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    long valuesChanged,
    double seconds,
    String error)
    implements Serializable {

  public boolean succeeded() {
    return error == null;
  }

  /** A chunk left as it was (pending in the journal): the run is stopping. */
  static ChunkOutcome notStarted(org.moodlemigrate.plan.Chunk chunk) {
    return new ChunkOutcome(chunk.table(), chunk.number(), 0, 0, 0, 0, 0, null);
  }
}
