package org.moodlemigrate.ddl;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.moodlemigrate.catalog.SequenceRef;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;

/**
 * A table to create in the target, decided at planning time from the source catalog and the create
 * rules; rendered into DDL by {@link DdlRenderer}.
 *
 * @param schema the target schema
 * @param name the table name (the source's)
 * @param columns its columns, in source order
 * @param sequence the sequence of its auto-increment column, null when it has none
 * @param sequenceColumn that column's name, null when none
 * @param indexes its primary key and indexes, built after the load
 * @param comment the table comment, null for none
 * @param warnings what could not be carried (a default, an index), each naming the object
 */
public record TableDefinition(
    String schema,
    String name,
    List<ColumnDefinition> columns,
    String sequence,
    String sequenceColumn,
    List<IndexPlan> indexes,
    String comment,
    List<String> warnings)
    implements Serializable {

  public TableDefinition {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    warnings = List.copyOf(warnings);
  }

  /**
   * The table as the rest of the tool sees a target table: the catalog record it will have once
   * created, so that casts, the copy and the complete phase treat it like any other.
   */
  public TargetTable asTargetTable() {
    List<TargetColumn> out = new ArrayList<>();
    int position = 1;
    for (ColumnDefinition c : columns) {
      SequenceRef seq =
          c.name().equals(sequenceColumn)
              ? new SequenceRef(schema, sequence, null, true, 1, Long.MAX_VALUE)
              : null;
      String defaultSql = seq != null ? DdlRenderer.nextval(schema, sequence) : c.defaultSql();
      out.add(
          new TargetColumn(
              c.name(),
              position++,
              c.type().formatted(),
              c.type().base(),
              c.type().typmod(),
              c.notNull(),
              defaultSql,
              "",
              c.generatedSql() != null,
              seq));
    }
    return new TargetTable(schema, name, null, comment, out, -1);
  }
}
