package org.moodlemigrate.migration;

import java.sql.SQLException;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.RowIssue;
import org.moodlemigrate.verify.ChunkAnomalies;
import org.moodlemigrate.verify.RunAnomalies;

/**
 * What a run did on purpose, from its journal, for {@code verify}: the rows it rejected (the target
 * lacks them) and the values it changed under the value policy (a stripped NUL, a zero date made
 * NULL), one chunk at a time, and only for chunks where the comparison found a difference.
 */
final class JournalAnomalies implements RunAnomalies {
  private final Journal journal;
  private final long runId;

  JournalAnomalies(Journal journal, long runId) {
    this.journal = journal;
    this.runId = runId;
  }

  @Override
  public ChunkAnomalies forChunk(String table, int chunkNumber) throws SQLException {
    ChunkAnomalies.Builder b = ChunkAnomalies.builder();
    for (RowIssue issue : journal.chunkIssues(runId, table, chunkNumber)) {
      if (issue.kind() == RowIssue.Kind.REJECTED) {
        b.rejected(issue.key());
      } else {
        b.changed(issue.key(), issue.column());
      }
    }
    return b.build();
  }

  @Override
  public long rejectedRows(String table) throws SQLException {
    return journal.rejectedRows(runId, table);
  }

  /** The anomalies of run {@code runId}, for the verification pipeline's workers. */
  record Source(String journalSchema, long runId) implements RunAnomalies.Source {
    private static final long serialVersionUID = 1L;

    @Override
    public RunAnomalies open(javax.sql.DataSource target) {
      return new JournalAnomalies(new Journal(target, journalSchema), runId);
    }
  }
}
