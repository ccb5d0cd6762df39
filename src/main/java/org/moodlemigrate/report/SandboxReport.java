package org.moodlemigrate.report;

import java.util.List;

/**
 * What a sandbox refresh did beyond the copy: the columns the anonymisation rules replaced and how
 * many values each table had changed, the tables they emptied, the sandbox's own rows kept across
 * the load, and the post-refresh actions. Names and counts only: never a value (a preserved setting
 * may be a password of the sandbox's own).
 *
 * @param rules where the rules came from ({@code moodle} for the shipped ones, or the file)
 * @param anonymised one entry per table with anonymised columns
 * @param emptied tables the rules empty (not copied; emptied in the target)
 * @param preserved the rows kept, as {@code table: key=value} (the key, never the row's values)
 * @param actions the post-refresh actions, in the order they ran, each with what it did
 */
public record SandboxReport(
    String rules,
    List<AnonymisedTable> anonymised,
    List<String> emptied,
    List<String> preserved,
    List<Action> actions) {
  public SandboxReport {
    anonymised = List.copyOf(anonymised);
    emptied = List.copyOf(emptied);
    preserved = List.copyOf(preserved);
    actions = List.copyOf(actions);
  }

  /**
   * @param table the source table
   * @param columns each anonymised column with its rule, {@code email (pseudonym)}
   * @param values the values the rules changed in the rows copied
   */
  public record AnonymisedTable(String table, List<String> columns, long values) {
    public AnonymisedTable {
      columns = List.copyOf(columns);
    }
  }

  /**
   * @param action the action's name ({@code stop-mail}, {@code hook-sql} …)
   * @param detail what it did
   */
  public record Action(String action, String detail) {}

  /** This report with the actions that ran after the copy. */
  public SandboxReport withActions(List<String> newPreserved, List<Action> newActions) {
    return new SandboxReport(rules, anonymised, emptied, newPreserved, newActions);
  }
}
