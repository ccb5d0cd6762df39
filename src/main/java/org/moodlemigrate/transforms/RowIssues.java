package org.moodlemigrate.transforms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.casts.RejectedValueException;
import org.moodlemigrate.casts.ValueNotes;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.journal.RowIssue;

/**
 * The row issues of one attempt at a chunk: values the converters changed under the {@link
 * ValuePolicy}, and rows refused, each with the row's key.
 *
 * <p>A change is only kept once its row is complete: a row refused by a later column is not in the
 * target, so its changes are dropped and the refusal is kept. Rows refused by the target itself in
 * an earlier attempt (a COPY error at a known key) are carried over and skipped when read again. Up
 * to {@link ValuePolicy#maxRejects()} refused rows are skipped; one more fails the chunk.
 */
final class RowIssues implements ValueNotes {
  private final long maxRejects;
  private final List<RowIssue> carried;
  private final Set<Long> skipKeys;
  private final List<RowIssue> kept = new ArrayList<>();
  private final List<RowIssue> pending = new ArrayList<>();
  private ResultSet row;
  private RowKeys keys;
  private long rejected;

  /**
   * @param policy the value policy, whose {@code maxRejects} bounds the skipped rows
   * @param carried rows the target refused in earlier attempts
   * @param skipKeys their keys, skipped when read
   */
  RowIssues(ValuePolicy policy, List<RowIssue> carried, Set<Long> skipKeys) {
    this.maxRejects = policy.maxRejects();
    this.carried = List.copyOf(carried);
    this.skipKeys = Set.copyOf(skipKeys);
    this.rejected = carried.size();
  }

  /** Issues that refuse every rejected value at once and keep nothing (throughput samples). */
  static RowIssues failFast() {
    return new RowIssues(ValuePolicy.DEFAULT, List.of(), Set.of());
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

  /** The current row arrived: its changes are kept. */
  void rowDone() {
    if (!pending.isEmpty()) {
      kept.addAll(pending);
      pending.clear();
    }
  }

  /**
   * The current row was refused. Records it; returns normally when the row may be skipped, throws
   * when it is one more than {@code --max-rejects} allows.
   */
  void rowRejected(RejectedValueException e) throws SQLException, RejectedRowException {
    pending.clear();
    String key = keys.describe(row);
    RowIssue issue = new RowIssue(RowIssue.Kind.REJECTED, key, e.column(), e.reason(), e.excerpt());
    kept.add(issue);
    rejected++;
    if (rejected > maxRejects) {
      throw new RejectedRowException(key, e, rejected, maxRejects);
    }
  }

  /** Whether another row may be refused without failing the chunk. */
  boolean canRejectAnother() {
    return rejected < maxRejects;
  }

  /** Every issue of the attempt: carried refusals first, then in row order. */
  List<RowIssue> all() {
    if (carried.isEmpty()) {
      return Collections.unmodifiableList(kept);
    }
    List<RowIssue> out = new ArrayList<>(carried);
    out.addAll(kept);
    return out;
  }

  /** Rows refused, carried ones included. */
  long rejectedRows() {
    return rejected;
  }
}
