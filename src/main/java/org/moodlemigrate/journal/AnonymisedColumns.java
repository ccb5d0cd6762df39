package org.moodlemigrate.journal;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run's anonymisation changed on purpose, as the journal holds it: the columns whose values
 * the rules replaced, the tables they emptied, and the tables the post-refresh steps rewrite (kept
 * rows written back, mail stopped, tasks disabled). {@code verify} compares everything else, so a
 * refreshed sandbox verifies clean against production without the proof being weakened where the
 * copy was meant to be exact.
 *
 * @param columns by table, each anonymised column with its rule
 * @param emptied tables the rules empty
 * @param rewritten tables the post-refresh steps change after the copy, each with why
 */
public record AnonymisedColumns(
    Map<String, Map<String, String>> columns, Set<String> emptied, Map<String, String> rewritten) {
  /** Nothing anonymised: a plain run. */
  public static final AnonymisedColumns NONE = new AnonymisedColumns(Map.of(), Set.of(), Map.of());

  /** The column name a journal row has for a table that is emptied. */
  static final String EMPTIED = "(emptied)";

  /** The column name a journal row has for a table the post-refresh steps rewrite. */
  static final String REWRITTEN = "(rewritten)";

  public AnonymisedColumns {
    Map<String, Map<String, String>> c = new TreeMap<>();
    columns.forEach((t, cols) -> c.put(t, Map.copyOf(cols)));
    columns = java.util.Collections.unmodifiableMap(c);
    emptied = java.util.Collections.unmodifiableSet(new TreeSet<>(emptied));
    rewritten = java.util.Collections.unmodifiableMap(new TreeMap<>(rewritten));
  }

  public boolean isEmpty() {
    return columns.isEmpty() && emptied.isEmpty() && rewritten.isEmpty();
  }

  /** The anonymised columns of {@code table}; empty when none. */
  public Set<String> of(String table) {
    return columns.getOrDefault(table, Map.of()).keySet();
  }
}
