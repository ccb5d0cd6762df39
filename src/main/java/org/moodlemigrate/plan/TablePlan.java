package org.moodlemigrate.plan;

import java.io.Serializable;
import java.util.List;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.ddl.TableDefinition;

/**
 * The decision for one source table.
 *
 * @param source the source table
 * @param mode load or skip
 * @param reason why it is skipped; empty for loaded tables
 * @param target the target table; null when skipped
 * @param columns the columns to copy, each with its cast, in source order
 * @param definition how to create the table; null unless the mode is {@code CREATE}
 * @param replacesExisting whether an existing table of that name is dropped first ({@code
 *     --drop-existing})
 */
public record TablePlan(
    SourceTable source,
    TableMode mode,
    String reason,
    TargetTable target,
    List<ColumnCast> columns,
    TableDefinition definition,
    boolean replacesExisting)
    implements Serializable {

  public TablePlan {
    columns = List.copyOf(columns);
    reason = reason == null ? "" : reason;
  }

  public String name() {
    return source.name();
  }

  public static TablePlan skip(SourceTable source, String reason) {
    return new TablePlan(source, TableMode.SKIP, reason, null, List.of(), null, false);
  }
}
