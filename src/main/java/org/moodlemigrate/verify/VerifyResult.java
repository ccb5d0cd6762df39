package org.moodlemigrate.verify;

import java.util.List;

/**
 * The outcome of {@code verify}: one result per table, in the order the tables were given.
 *
 * @param level the level verified at
 * @param tables the tables' results
 * @param millis how long verification took
 */
public record VerifyResult(VerifyLevel level, List<TableResult> tables, long millis) {

  public VerifyResult {
    tables = List.copyOf(tables);
  }

  /** Whether every table is ok or differs only where the run said it would. */
  public boolean passed() {
    return tables.stream().allMatch(t -> t.status().passes());
  }

  /** The tables that did not pass: mismatches and errors. */
  public List<TableResult> failures() {
    return tables.stream().filter(t -> !t.status().passes()).toList();
  }

  /** The result for one source table, or null. */
  public TableResult table(String sourceTable) {
    return tables.stream()
        .filter(t -> t.sourceTable().equals(sourceTable))
        .findFirst()
        .orElse(null);
  }
}
