package org.moodlemigrate.checks;

import java.util.List;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;

/**
 * Tables without a primary key: they copy as a single chunk (no key to split on, so no parallelism
 * within them), a failure redoes the whole table, and a row cannot be named by key in a message.
 * Every Moodle core table has an {@code id} key; those without one are plugins' or hand-made.
 */
final class PrimaryKeyCheck implements Check {
  @Override
  public String name() {
    return "primary keys";
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<String> without =
        Selected.copied(ctx).stream()
            .filter(t -> t.source().primaryKey().isEmpty())
            .map(TablePlan::name)
            .toList();
    if (without.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Finding(
            "no-primary-key",
            Severity.WARNING,
            without.size()
                + " table(s) have no primary key; each copies as one chunk and its rows cannot be"
                + " named by key in messages: "
                + Checks.sample(without),
            "add a primary key in the source if the table is large",
            without));
  }
}
