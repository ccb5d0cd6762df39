package org.moodlemigrate.targetdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.sql.SqlResource;

/**
 * The prepare phase on the target: find out which tables hold rows, and empty those that the copy
 * cannot empty itself.
 *
 * <p>A table copied as one chunk is emptied inside that chunk's transaction ({@code TRUNCATE}, then
 * {@code COPY ... FREEZE}): the table is never seen half-loaded, the truncates run in parallel with
 * other chunks, and frozen rows spare a later anti-wraparound vacuum. A table split into several
 * chunks must be emptied before any chunk starts, here. Tables that hold no row are not truncated
 * at all: on a schema fresh from Moodle's installer that is most of ~500 tables, and truncating
 * them anyway costs seconds (a new file for every table, index and TOAST relation).
 */
public final class TargetPreparation {
  private TargetPreparation() {}

  /** The tables of {@code schema} that may hold rows (their heap is not empty). */
  public static Set<String> nonEmptyTables(Connection target, String schema) throws SQLException {
    Set<String> nonEmpty = new HashSet<>();
    try (PreparedStatement ps =
        target.prepareStatement(SqlResource.load("catalog/postgresql-nonempty-tables.sql"))) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          nonEmpty.add(rs.getString(1));
        }
      }
    }
    return nonEmpty;
  }

  /**
   * Deletes the rows in the key ranges of a resumed table's unfinished chunks; returns how many.
   *
   * <p>A chunk's rows commit with its "done" journal row, so an unfinished chunk's range should be
   * empty; this makes sure of it (a row written there by someone else would otherwise meet the
   * chunk's copy). One statement, one pass over the table.
   */
  public static long clearChunks(
      Connection target, TargetTable table, String keyColumn, List<Chunk> unfinished)
      throws SQLException {
    try (Statement st = target.createStatement()) {
      return st.executeLargeUpdate(TargetStatements.deleteChunks(table, keyColumn, unfinished));
    }
  }

  /** Truncates the tables, fifty to a statement. */
  public static void truncate(Connection target, List<TargetTable> tables) throws SQLException {
    List<String> errors = StatementRunner.run(target, TargetStatements.truncate(tables), 1);
    if (!errors.isEmpty()) {
      throw new SQLException("cannot truncate the target tables: " + String.join("; ", errors));
    }
  }
}
