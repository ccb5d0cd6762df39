package org.moodlemigrate.catalog;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the target schema holds.
 *
 * @param database the PostgreSQL database
 * @param schema the schema the run writes into ({@code public} unless told otherwise)
 * @param schemaOwner the schema's owner, null when the schema does not exist
 * @param server the target server
 * @param tables the schema's ordinary and partitioned tables by name
 * @param relations every relation name of the schema (tables, indexes, sequences, views), mapped to
 *     the table it belongs to (itself for a table or view)
 */
public record TargetCatalog(
    String database,
    String schema,
    String schemaOwner,
    ServerInfo server,
    Map<String, TargetTable> tables,
    Map<String, String> relations)
    implements Serializable {

  public TargetCatalog {
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    relations = Collections.unmodifiableMap(new TreeMap<>(relations));
  }

  public boolean schemaExists() {
    return schemaOwner != null;
  }

  public Optional<TargetTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }
}
