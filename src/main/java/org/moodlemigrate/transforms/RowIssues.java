package org.moodlemigrate.transforms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.casts.RejectedValueException;
import org.moodlemigrate.casts.ValueNotes;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.journal.RowIssue;
import org.moodlemigrate.journal.RowIssueSource;

/**
 * The row issues of one attempt at a chunk: values the converters changed under the {@link
 * ValuePolicy}, and rows refused, each with the row's key, kept in an {@link IssueSpool} (bounded
 * memory, every issue listed).
 *
 * <p>A change is only kept once its row is complete: a row refused by a later column is not in the
 * target, so its changes are dropped and the refusal is kept. Rows refused by the target itself in
 * an earlier attempt (a COPY error at a known key) are carried over and skipped when read again.
 *
 * <p>{@code --max-rejects} is a budget per table: the chunk may refuse what the table has left of
 * it ({@link #limitTo}, from the table's chunks already committed); one more row fails the chunk.
 * The journal enforces the same budget again when the chunk commits, so that chunks copied at the
 * same time cannot overdraw it together.
 */
final class RowIssues implements ValueNotes, AutoCloseable {
  private final long maxRejects;
  private final List<RowIssue> carried;
  private final Set<Long> skipKeys;
  private final IssueSpool kept = new IssueSpool();
  private final List<RowIssue> pending = new ArrayList<>();
  private ResultSet row;
  private RowKeys keys;
  private long allowed;
  private long rejected;

  /**
   * @param policy the value policy, whose {@code maxRejects} is the table's budget
   * @param carried rows the target refused in earlier attempts
   * @param skipKeys their keys, skipped when read
   */
  RowIssues(ValuePolicy policy, List<RowIssue> carried, Set<Long> skipKeys) {
    this.maxRejects = policy.maxRejects();
    this.allowed = maxRejects;
    this.carried = List.copyOf(carried);
    this.skipKeys = Set.copyOf(skipKeys);
    this.rejected = carried.size();
    kept.addAll(this.carried);
  }

  /** Issues that refuse every rejected value at once (throughput samples). */
  static RowIssues failFast() {
    return new RowIssues(ValuePolicy.DEFAULT, List.of(), Set.of());
  }

  /**
   * Allows this chunk only what is left of the table's budget: {@code --max-rejects} less the rows
   * its chunks already committed rejected.
   */
  void limitTo(long tableRejectedSoFar) {
    allowed = Math.max(0, maxRejects - tableRejectedSoFar);
  }

  /** The table's budget, {@code --max-rejects}. */
  long maxRejects() {
    return maxRejects;
  }

  /** Binds the result set and keys the rows come from, once per attempt. */
  void bind(ResultSet row, RowKeys keys) {
    this.row = row;
    this.keys = keys;
  }

  /** Whether the current row is one the target refused in an earlier attempt. */
  boolean skip() throws SQLException {
    return !skipKeys.isEmpty() && keys.integerKey() && skipKeys.contains(keys.keyOf(row));
  }

  @Override
  public void changed(String column, String reason, String excerpt) {
    try {
      pending.add(new RowIssue(RowIssue.Kind.CHANGED, keys.describe(row), column, reason, excerpt));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the row's key: " + e.getMessage(), e);
    }
  }

  /** The current row arrived: its changes are kept. Returns whether it had any. */
  boolean rowDone() {
    if (pending.isEmpty()) {
      return false;
    }
    kept.addAll(pending);
    pending.clear();
    return true;
  }

  /**
   * The current row was refused. Records it; returns normally when the row may be skipped, throws
   * when it is one more than the table's budget allows.
   */
  void rowRejected(RejectedValueException e) throws SQLException, RejectedRowException {
    pending.clear();
    String key = keys.describe(row);
    kept.add(new RowIssue(RowIssue.Kind.REJECTED, key, e.column(), e.reason(), e.excerpt()));
    rejected++;
    if (rejected > allowed) {
      throw new RejectedRowException(key, e, rejected + (maxRejects - allowed), maxRejects);
    }
  }

  /** Whether another row may be refused without failing the chunk. */
  boolean canRejectAnother() {
    return rejected < allowed;
  }

  /** Every issue of the attempt, for the journal: carried refusals first, then in row order. */
  RowIssueSource all() {
    return kept;
  }

  /** The rejected rows only: what a failed chunk records (its changed rows did not arrive). */
  RowIssueSource rejectedOnly() {
    return kept.rejectedOnly();
  }

  /** Rows refused, carried ones included. */
  long rejectedRows() {
    return rejected;
  }

  /** Values changed in rows that arrived. */
  long changedValues() {
    return kept.changed();
  }

  @Override
  public void close() {
    kept.close();
  }
}
