package org.moodlemigrate.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.sql.Identifiers;

/**
 * Everything verify needs to read one table on both sides: the columns with their canonicalisers,
 * the key (when the table has a single integer one), and the statements, built from quoted
 * identifiers only.
 *
 * <p>The compared columns are the plan's: what the run carried. A column that is generated in the
 * target is computed there and left out (the planner leaves it out of the casts already; this
 * checks again). A source column that is generated but lands in a plain target column was copied,
 * so it is compared.
 *
 * <p>Chunk bounds are written into the text as numbers, as the copy does ({@code
 * TableCopySpec.selectSql}): they are longs from the planner, and Connector/J's client-side
 * parameter parser misreads a {@code ?} after a quoted identifier holding a quote. Both sides use
 * the same bounds and order by the key, so that the two streams can be merged.
 */
final class TableQueries {
  /** Bytes of rows a target cursor fetches at once, at most: bounds the memory per target read. */
  static final long FETCH_BYTES = 8L << 20;

  static final int MAX_FETCH_ROWS = 1000;
  static final int MIN_FETCH_ROWS = 10;

  private final TablePlan plan;
  private final String sourceTable;
  private final String targetTable;
  private final List<ColumnCanonicaliser> columns;
  private final String keyColumn;
  private final String targetKeyColumn;
  private final boolean unsignedKey;
  private final int fetchRows;

  private TableQueries(TablePlan plan, String sourceDatabase) {
    this.plan = plan;
    this.sourceTable = Identifiers.mysql(sourceDatabase, plan.source().name());
    this.targetTable = Identifiers.postgres(plan.target().schema(), plan.target().name());
    List<ColumnCanonicaliser> cols = new ArrayList<>();
    for (ColumnCast cast : plan.columns()) {
      if (!cast.target().generated()) {
        cols.add(ColumnCanonicaliser.of(cast));
      }
    }
    this.columns = List.copyOf(cols);
    Optional<SourceColumn> key = plan.source().singleIntegerKey();
    this.keyColumn = key.map(SourceColumn::name).orElse(null);
    this.targetKeyColumn =
        key.map(
                k ->
                    plan.columns().stream()
                        .filter(c -> c.source().name().equals(k.name()))
                        .map(c -> c.target().name())
                        .findFirst()
                        .orElse(k.name()))
            .orElse(null);
    this.unsignedKey =
        key.map(k -> k.type().unsigned() && k.type().name().equals("bigint")).orElse(false);
    long rows = plan.source().rowsEstimate();
    long rowBytes = rows > 0 ? Math.max(1, plan.source().dataBytes() / rows) : 1;
    this.fetchRows =
        (int) Math.max(MIN_FETCH_ROWS, Math.min(MAX_FETCH_ROWS, FETCH_BYTES / rowBytes));
  }

  static TableQueries of(TablePlan plan, String sourceDatabase) {
    return new TableQueries(plan, sourceDatabase);
  }

  TablePlan plan() {
    return plan;
  }

  String table() {
    return plan.name();
  }

  List<ColumnCanonicaliser> columns() {
    return columns;
  }

  /** Whether rows are matched by a single integer key (and chunks are key ranges). */
  boolean keyed() {
    return keyColumn != null;
  }

  /** The source key column, as the journal names rows by it; null without one. */
  String keyColumn() {
    return keyColumn;
  }

  /** Whether the key is a {@code bigint unsigned}, compared and printed as unsigned. */
  boolean unsignedKey() {
    return unsignedKey;
  }

  /** Rows a target cursor fetches at once: fewer for tables with wide rows. */
  int fetchRows() {
    return fetchRows;
  }

  /** The row's name as the journal spells it: {@code id=42}. */
  String keyText(long key) {
    return keyColumn + "=" + (unsignedKey ? Long.toUnsignedString(key) : Long.toString(key));
  }

  /** The source SELECT for a chunk: key first, then each column's read expression. */
  String sourceSelect(Chunk chunk) {
    List<String> select = new ArrayList<>();
    String key = keyed() ? Identifiers.mysql(keyColumn) : null;
    if (key != null) {
      select.add(key);
    }
    columns.forEach(c -> select.add(c.sourceExpression()));
    return select(select, sourceTable, key, chunk);
  }

  /** The target SELECT for a chunk, in the same shape. */
  String targetSelect(Chunk chunk) {
    List<String> select = new ArrayList<>();
    String key = keyed() ? Identifiers.postgres(targetKeyColumn) : null;
    if (key != null) {
      select.add(key);
    }
    columns.forEach(c -> select.add(c.targetExpression()));
    return select(select, targetTable, key, chunk);
  }

  String sourceCount() {
    return "SELECT COUNT(*) FROM " + sourceTable;
  }

  String targetCount() {
    return "SELECT COUNT(*) FROM " + targetTable;
  }

  private String select(List<String> expressions, String table, String key, Chunk chunk) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(expressions.isEmpty() ? "1" : String.join(", ", expressions))
            .append(" FROM ")
            .append(table);
    if (key == null) {
      return sql.toString();
    }
    if (!chunk.isWholeTable() && !chunk.keyColumn().equals(keyColumn)) {
      throw new IllegalArgumentException(
          "chunk "
              + chunk.describe()
              + " is a range of "
              + chunk.keyColumn()
              + ", but the key of "
              + plan.name()
              + " is "
              + keyColumn);
    }
    List<String> conditions = new ArrayList<>();
    if (!chunk.isWholeTable() && chunk.lower() != null) {
      conditions.add(key + " >= " + chunk.lower().longValue());
    }
    if (!chunk.isWholeTable() && chunk.upper() != null) {
      conditions.add(key + " < " + chunk.upper().longValue());
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    // By position: the key is also a compared column, and PostgreSQL would call the name ambiguous.
    return sql.append(" ORDER BY 1").toString();
  }
}
