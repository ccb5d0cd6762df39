package org.moodlemigrate.verify;

import java.sql.SQLException;

/**
 * What the run deliberately did to the data, from its journal: rows it refused (not in the target)
 * and values it changed under the value policy (a NUL stripped, a zero date written as NULL).
 * {@code verify} accounts a difference to these instead of calling it a mismatch, and instead of
 * hiding it: the report counts accounted differences, and the run's own report explains each one.
 *
 * <p>Anomalies are asked for one chunk at a time, so that a run that changed millions of values
 * never has them all in memory at once, and only for chunks where verify found a difference. Rows
 * are named as the journal names them: for a single integer key {@code <key column>=<value>}
 * ({@code id=42}); columns by their source name.
 *
 * <p>Implementations are called from several verify threads at once and must be thread-safe.
 */
public interface RunAnomalies {
  /** A run that changed nothing and refused nothing. */
  RunAnomalies NONE =
      new RunAnomalies() {
        @Override
        public ChunkAnomalies forChunk(String table, int chunkNumber) {
          return ChunkAnomalies.NONE;
        }

        @Override
        public long rejectedRows(String table) {
          return 0;
        }
      };

  /**
   * The anomalies of one chunk of a source table, as the run numbered its chunks (0 for a table
   * copied whole).
   */
  ChunkAnomalies forChunk(String table, int chunkNumber) throws SQLException;

  /** How many rows of a source table the run refused, over all its chunks. */
  long rejectedRows(String table) throws SQLException;

  /**
   * Where a worker of the verification pipeline finds the anomalies: the journal in the target,
   * which it reaches through its own target pool. Travels in the pipeline, so it holds names, never
   * a connection.
   */
  interface Source extends java.io.Serializable {
    /** No anomalies: no run is recorded. */
    Source NONE = target -> RunAnomalies.NONE;

    /** The anomalies, read through {@code target}. */
    RunAnomalies open(javax.sql.DataSource target);
  }
}
