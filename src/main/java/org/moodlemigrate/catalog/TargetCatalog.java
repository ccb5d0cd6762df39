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
 */
public record TargetCatalog(
    String database,
    String schema,
    String schemaOwner,
    ServerInfo server,
    Map<String, TargetTable> tables)
    implements Serializable {

  public TargetCatalog {
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
  }

  public boolean schemaExists() {
    return schemaOwner != null;
  }

  public Optional<TargetTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }
}
