package org.moodlemigrate.targetdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.catalog.SequenceRef;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.sql.Identifiers;

/**
 * The SQL of the prepare and complete phases, built as lists of statements before anything runs (so
 * it can be read, logged and unit-tested without a database), from quoted identifiers only.
 */
public final class TargetStatements {
  private TargetStatements() {}

  /**
   * {@code DELETE FROM "s"."t" WHERE ("id" >= 100 AND "id" < 300) OR ...}: the rows in the key
   * ranges of {@code chunks}, in chunk order (bounds are numbers, written as literals; a null bound
   * is open). Adjacent ranges are merged: the chunks a stopped run left are mostly one run of them.
   */
  public static String deleteChunks(TargetTable table, String keyColumn, List<Chunk> chunks) {
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("no chunks to clear in " + table.name());
    }
    String key = Identifiers.postgres(keyColumn);
    List<Long[]> ranges = new ArrayList<>();
    for (Chunk c : chunks) {
      Long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[1] != null && last[1].equals(c.lower())) {
        last[1] = c.upper();
      } else {
        ranges.add(new Long[] {c.lower(), c.upper()});
      }
    }
    StringBuilder where = new StringBuilder();
    for (Long[] r : ranges) {
      if (where.length() > 0) {
        where.append(" OR ");
      }
      List<String> terms = new ArrayList<>();
      if (r[0] != null) {
        terms.add(key + " >= " + r[0]);
      }
      if (r[1] != null) {
        terms.add(key + " < " + r[1]);
      }
      where.append(terms.isEmpty() ? "TRUE" : "(" + String.join(" AND ", terms) + ")");
    }
    return "DELETE FROM " + Identifiers.postgres(table.schema(), table.name()) + " WHERE " + where;
  }

  /** Empties the tables about to be loaded. */
  public static List<String> truncate(List<TargetTable> tables) {
    return StatementBatches.of("TRUNCATE TABLE ", quoted(tables), StatementBatches.DEFAULT_SIZE);
  }

  /** Refreshes planner statistics of loaded tables. */
  public static List<String> analyze(List<TargetTable> tables) {
    return StatementBatches.of("ANALYZE ", quoted(tables), StatementBatches.DEFAULT_SIZE);
  }

  /** A sequence to reposition, with the statement that does it. */
  public record SequenceReset(String table, String column, SequenceRef sequence, String sql) {}

  /**
   * Positions every sequence that feeds a column of the tables so that its next value is {@code
   * max(max(column) + 1, AUTO_INCREMENT, sequence minimum)}.
   *
   * <p>{@code max(column) + 1} alone would hand out ids of rows deleted at the end of a table
   * again, which Moodle's logs and caches may still refer to; the source's {@code AUTO_INCREMENT}
   * remembers them. An empty table that never held a row starts at 1, as on a fresh install. {@code
   * setval(..., false)} makes the computed value the next one handed out.
   *
   * @param autoIncrements the source's next {@code AUTO_INCREMENT} by target table name, for the
   *     tables whose auto-increment column is the sequence's column
   */
  public static List<SequenceReset> resetSequences(
      List<TargetTable> tables, Map<String, Long> autoIncrements) {
    List<SequenceReset> out = new ArrayList<>();
    for (TargetTable table : tables) {
      for (TargetColumn column : table.columns()) {
        SequenceRef seq = column.sequence();
        if (seq == null) {
          continue;
        }
        Long autoIncrement = autoIncrements.get(table.name() + "." + column.name());
        String next =
            "GREATEST(COALESCE((SELECT max("
                + Identifiers.postgres(column.name())
                + ") FROM "
                + Identifiers.postgres(table.schema(), table.name())
                + "), 0) + 1, "
                + (autoIncrement == null ? "1" : Long.toString(autoIncrement))
                + ", "
                + seq.minValue()
                + ")";
        String sql =
            "SELECT setval("
                + Identifiers.postgresLiteral(Identifiers.postgres(seq.schema(), seq.name()))
                + "::regclass, "
                + next
                + ", false)";
        out.add(new SequenceReset(table.name(), column.name(), seq, sql));
      }
    }
    return out;
  }

  /**
   * Gives the schema, the tables and their sequences to {@code role}. {@code ALTER TABLE ... OWNER}
   * also moves the table's indexes and the sequences it owns (serial columns); sequences a default
   * only calls are moved on their own.
   */
  public static List<String> changeOwner(String schema, List<TargetTable> tables, String role) {
    String to = " OWNER TO " + Identifiers.postgres(role);
    List<String> out = new ArrayList<>();
    out.add("ALTER SCHEMA " + Identifiers.postgres(schema) + to);
    for (TargetTable table : tables) {
      out.add("ALTER TABLE " + Identifiers.postgres(table.schema(), table.name()) + to);
    }
    for (TargetTable table : tables) {
      for (TargetColumn column : table.columns()) {
        SequenceRef seq = column.sequence();
        if (seq != null && !seq.ownedByColumn()) {
          out.add("ALTER SEQUENCE " + Identifiers.postgres(seq.schema(), seq.name()) + to);
        }
      }
    }
    return out;
  }

  private static List<String> quoted(List<TargetTable> tables) {
    return tables.stream().map(t -> Identifiers.postgres(t.schema(), t.name())).toList();
  }
}
