package org.moodlemigrate.plan;

import java.util.List;

/**
 * Every source table's decision, and the problems that forbid starting.
 *
 * @param tables one entry per source table, sorted by name
 * @param problems reasons not to start; empty when the run may go ahead
 * @param createsSchema whether the target schema does not exist yet and is to be created
 */
public record MigrationPlan(
    List<TablePlan> tables, List<PlanProblem> problems, boolean createsSchema) {
  public MigrationPlan {
    tables = List.copyOf(tables);
    problems = List.copyOf(problems);
  }

  public List<TablePlan> loaded() {
    return tables.stream().filter(t -> t.mode() == TableMode.LOAD).toList();
  }

  public List<TablePlan> created() {
    return tables.stream().filter(t -> t.mode() == TableMode.CREATE).toList();
  }

  /** What table creation will leave out (defaults, indexes), each naming its object. */
  public List<String> warnings() {
    return created().stream().flatMap(t -> t.definition().warnings().stream()).toList();
  }

  public List<TablePlan> skipped() {
    return tables.stream().filter(t -> t.mode() == TableMode.SKIP).toList();
  }

  public boolean canStart() {
    return problems.isEmpty();
  }
}
