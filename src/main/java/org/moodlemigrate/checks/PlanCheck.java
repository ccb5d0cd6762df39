package org.moodlemigrate.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.moodlemigrate.plan.PlanProblem;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;

/**
 * The schema diff, as planning found it: every reason the plan refuses (a table or column with no
 * place in the target, a NOT NULL column left empty, a type pair no rule carries, a table that
 * cannot be created) as an error; tables to be created, tables the target has and the source has
 * not, and what table creation leaves out, as information and warnings.
 */
final class PlanCheck implements Check {
  @Override
  public String name() {
    return "schema diff";
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (PlanProblem p : ctx.plan().problems()) {
      String object =
          p.table() == null ? "" : p.column() == null ? p.table() : p.table() + "." + p.column();
      out.add(
          object.isEmpty()
              ? Finding.error(p.code(), p.message(), p.fix())
              : Finding.error(p.code(), p.message(), p.fix(), object));
    }
    List<TablePlan> created = ctx.plan().created();
    if (!created.isEmpty()) {
      out.add(
          new Finding(
              "tables-to-create",
              Severity.INFO,
              created.size()
                  + " source table(s) are missing from the target and will be created: "
                  + Checks.sample(created.stream().map(TablePlan::name).toList()),
              "",
              created.stream().map(TablePlan::name).toList()));
    }
    for (String warning : ctx.plan().warnings()) {
      out.add(
          Finding.warning(
              "created-table-loses", warning, "create it in the target by hand if it matters"));
    }
    Set<String> sourceTables =
        ctx.plan().tables().stream()
            .map(t -> t.target() == null ? "" : t.target().name())
            .collect(Collectors.toSet());
    List<String> extra =
        ctx.targetCatalog().tables().keySet().stream()
            .filter(t -> !sourceTables.contains(t))
            .toList();
    if (!extra.isEmpty()) {
      out.add(
          new Finding(
              "target-extra-tables",
              Severity.INFO,
              extra.size()
                  + " target table(s) have no selected source table and are left as they are: "
                  + Checks.sample(extra),
              "",
              extra));
    }
    return out;
  }
}
