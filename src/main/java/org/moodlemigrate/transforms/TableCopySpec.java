package org.moodlemigrate.transforms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.sql.Identifiers;

/**
 * What a worker needs to copy any chunk of one table: the source SELECT, the target COPY, the
 * column casts, and where the key columns sit in the row (to name a row in a message).
 *
 * <p>The SQL is built once here, from quoted identifiers, and only bound (never concatenated with
 * values) per chunk.
 *
 * @param table the source table name
 * @param targetTable the quoted, qualified target table
 * @param selectSql {@code SELECT `a`, `b` FROM `db`.`t`}, without a WHERE clause
 * @param copySql {@code COPY "schema"."t" ("a", "b") FROM STDIN}
 * @param truncateFirst whether a whole-table chunk empties the target table in its own transaction
 *     first (and can then COPY with {@code FREEZE})
 * @param casts the column casts, in SELECT order
 * @param keyColumns the primary key columns (for messages), empty when none
 * @param keyIndexes their 1-based positions in the SELECT list
 * @param digest the copy digest of each chunk ({@link CopyDigest}); null for none
 * @param targetKey the quoted target column of the single integer key the chunks are ranges of;
 *     null when there is none
 * @param sourceTable the quoted, qualified source table
 * @param masks the columns the anonymisation rules replace ({@link ColumnMask}); empty for none.
 *     The copy digest leaves them out: what was read is, by design, not what is stored
 * @param copiesNothing whether the rules empty the table: it is created, and no row is read
 */
public record TableCopySpec(
    String table,
    String targetTable,
    String selectSql,
    String copySql,
    boolean truncateFirst,
    List<ColumnCast> casts,
    List<String> keyColumns,
    List<Integer> keyIndexes,
    CopyDigest digest,
    String targetKey,
    String sourceTable,
    List<ColumnMask> masks,
    boolean copiesNothing)
    implements Serializable {

  public TableCopySpec {
    casts = List.copyOf(casts);
    keyColumns = List.copyOf(keyColumns);
    keyIndexes = List.copyOf(keyIndexes);
    masks = masks == null ? List.of() : List.copyOf(masks);
  }

  /** Builds the spec of a loaded table, without a copy digest. */
  public static TableCopySpec of(TablePlan plan, String sourceDatabase, boolean truncateFirst) {
    return of(plan, sourceDatabase, truncateFirst, false);
  }

  /**
   * Builds the spec of a loaded table.
   *
   * @param digest whether each chunk is digested on both sides ({@code --no-copy-digest} turns it
   *     off)
   */
  public static TableCopySpec of(
      TablePlan plan, String sourceDatabase, boolean truncateFirst, boolean digest) {
    return of(plan, sourceDatabase, truncateFirst, digest, List.of(), false);
  }

  /**
   * Builds the spec of a loaded table whose columns {@code masks} are anonymised as they are
   * copied.
   */
  public static TableCopySpec of(
      TablePlan plan,
      String sourceDatabase,
      boolean truncateFirst,
      boolean digest,
      List<ColumnMask> masks,
      boolean copiesNothing) {
    List<ColumnCast> casts = plan.columns();
    java.util.Set<String> masked =
        masks.stream().map(ColumnMask::column).collect(java.util.stream.Collectors.toSet());
    CopyDigest copyDigest = digest && !copiesNothing ? CopyDigest.of(casts, masked) : null;
    List<String> expressions = new ArrayList<>();
    casts.forEach(c -> expressions.add(c.selectExpression()));
    String select =
        "SELECT "
            + String.join(", ", expressions)
            + " FROM "
            + Identifiers.mysql(sourceDatabase, plan.source().name());
    String target = Identifiers.postgres(plan.target().schema(), plan.target().name());
    String copy =
        "COPY "
            + target
            + " ("
            + casts.stream()
                .map(c -> Identifiers.postgres(c.target().name()))
                .collect(Collectors.joining(", "))
            + ") FROM STDIN";
    List<String> keys = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (String key : plan.source().primaryKey()) {
      for (int i = 0; i < casts.size(); i++) {
        if (casts.get(i).source().name().equals(key)) {
          keys.add(key);
          indexes.add(i + 1);
        }
      }
    }
    String targetKey =
        plan.source()
            .singleIntegerKey()
            .flatMap(
                k ->
                    casts.stream()
                        .filter(c -> c.source().name().equals(k.name()))
                        .map(c -> Identifiers.postgres(c.target().name()))
                        .findFirst())
            .orElse(null);
    return new TableCopySpec(
        plan.name(),
        target,
        select,
        copy,
        truncateFirst,
        casts,
        keys,
        indexes,
        copyDigest,
        targetKey,
        Identifiers.mysql(sourceDatabase, plan.source().name()),
        masks,
        copiesNothing);
  }

  /**
   * The COPY for one chunk: with {@code FREEZE} when the chunk's own transaction truncated the
   * table, which is what PostgreSQL requires for it.
   */
  public String copySql(Chunk chunk) {
    return truncateFirst && chunk.isWholeTable() ? copySql + " WITH (FREEZE)" : copySql;
  }

  /**
   * The SELECT for one chunk. The bounds are written into the text as numbers rather than bound as
   * parameters: they are longs from the planner, never user input, and Connector/J's client-side
   * parameter parser misreads a {@code ?} that follows a quoted identifier holding a quote or a
   * comment marker ({@code `k'); --`}), which parameters would run into.
   */
  public String selectSql(Chunk chunk) {
    if (chunk.isWholeTable()) {
      return selectSql;
    }
    String key = Identifiers.mysql(chunk.keyColumn());
    List<String> conditions = new ArrayList<>();
    if (chunk.lower() != null) {
      conditions.add(key + " >= " + chunk.lower().longValue());
    }
    if (chunk.upper() != null) {
      conditions.add(key + " < " + chunk.upper().longValue());
    }
    return conditions.isEmpty()
        ? selectSql
        : selectSql + " WHERE " + String.join(" AND ", conditions);
  }
}
