package org.moodlemigrate.catalog;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the source database holds: its server and its tables, by name.
 *
 * @param database the source database (MySQL schema) name
 * @param server the source server
 * @param tables every table and view, sorted by name
 */
public record SourceCatalog(String database, ServerInfo server, Map<String, SourceTable> tables)
    implements Serializable {

  public SourceCatalog {
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
  }

  public Optional<SourceTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }
}
