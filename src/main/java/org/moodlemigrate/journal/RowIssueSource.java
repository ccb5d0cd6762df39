package org.moodlemigrate.journal;

import java.sql.SQLException;
import java.util.List;

/**
 * The row issues of one chunk as the journal records them: counted, and handed over in batches, so
 * that a chunk with a million changed values never holds them all in memory at once.
 */
public interface RowIssueSource {
  /** Receives one batch of issues, in order. */
  @FunctionalInterface
  interface BatchSink {
    void accept(List<RowIssue> batch) throws SQLException;
  }

  /** Rows rejected. */
  long rejected();

  /** Values changed. */
  long changed();

  /** Hands every issue over, in order, in batches of at most {@code size}. */
  void forEachBatch(int size, BatchSink sink) throws SQLException;

  /** Issues held in a list. */
  static RowIssueSource of(List<RowIssue> issues) {
    List<RowIssue> copy = List.copyOf(issues);
    return new RowIssueSource() {
      @Override
      public long rejected() {
        return copy.stream().filter(i -> i.kind() == RowIssue.Kind.REJECTED).count();
      }

      @Override
      public long changed() {
        return copy.stream().filter(i -> i.kind() == RowIssue.Kind.CHANGED).count();
      }

      @Override
      public void forEachBatch(int size, BatchSink sink) throws SQLException {
        for (int from = 0; from < copy.size(); from += size) {
          sink.accept(copy.subList(from, Math.min(copy.size(), from + size)));
        }
      }
    };
  }
}
