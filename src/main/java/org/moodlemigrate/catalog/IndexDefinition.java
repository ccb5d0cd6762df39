package org.moodlemigrate.catalog;

import java.util.ArrayList;
import java.util.List;
import org.moodlemigrate.sql.Identifiers;

/**
 * A secondary index as PostgreSQL defines it ({@code pg_get_indexdef}), with its comment: enough to
 * drop it and build exactly the same index again.
 *
 * @param schema the schema of the table and index
 * @param table the table
 * @param name the index name
 * @param definition the {@code CREATE INDEX} statement, as {@code pg_get_indexdef} gives it
 * @param comment the index comment, null when none
 */
public record IndexDefinition(
    String schema, String table, String name, String definition, String comment) {

  public String dropSql() {
    return "DROP INDEX " + Identifiers.postgres(schema, name);
  }

  /** The statements that build it again: the definition, then its comment if it had one. */
  public List<String> createSql() {
    List<String> out = new ArrayList<>();
    out.add(definition);
    if (comment != null) {
      out.add(
          "COMMENT ON INDEX "
              + Identifiers.postgres(schema, name)
              + " IS "
              + Identifiers.postgresLiteral(comment));
    }
    return out;
  }
}
