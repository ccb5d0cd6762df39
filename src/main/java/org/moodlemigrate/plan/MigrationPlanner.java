package org.moodlemigrate.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;

/**
 * Decides, for every source table, whether and how it is loaded, and collects every reason not to
 * start — all of them, not just the first, so one rehearsal shows the whole list.
 *
 * <p>Data-only rules: a selected base table must exist in the target schema (same name); columns
 * match by name; every source column needs a target column (else its data would be lost) and a cast
 * rule for the pair; every target column without a source column must accept being left out
 * (nullable, a default, identity or generated). Generated columns on both sides are left to the
 * target to compute. Names match exactly, or, failing that, ignoring case when that is unambiguous
 * (MySQL on case-insensitive file systems reports mixed case; PostgreSQL folds to lower case).
 */
public final class MigrationPlanner {
  private final CastRuleSet rules;
  private final TableSelector selector;

  public MigrationPlanner(CastRuleSet rules, TableSelector selector) {
    this.rules = rules;
    this.selector = selector;
  }

  public MigrationPlan plan(SourceCatalog source, TargetCatalog target) {
    List<TablePlan> tables = new ArrayList<>();
    List<PlanProblem> problems = new ArrayList<>();
    if (!target.schemaExists()) {
      problems.add(
          new PlanProblem(
              "missing-target-schema",
              null,
              null,
              "target schema \""
                  + target.schema()
                  + "\" does not exist in database "
                  + target.database(),
              "install Moodle on the target first, or name the right schema with --target-schema"));
    }
    for (SourceTable table : source.tables().values()) {
      if (!table.isBaseTable()) {
        tables.add(
            TablePlan.skip(
                table,
                "a " + table.tableType().toLowerCase(Locale.ROOT) + "; views are never copied"));
        continue;
      }
      Optional<String> rejection = selector.rejection(table.name());
      if (rejection.isPresent()) {
        tables.add(TablePlan.skip(table, rejection.get()));
        continue;
      }
      Optional<TargetTable> match = findTable(target, table.name());
      if (match.isEmpty()) {
        if (target.schemaExists()) {
          problems.add(
              new PlanProblem(
                  "missing-target-table",
                  table.name(),
                  null,
                  "source table "
                      + table.name()
                      + " has no table of that name in target schema \""
                      + target.schema()
                      + "\"",
                  "install the plugin that owns it on the target, or leave it out with --exclude '"
                      + table.name()
                      + "'"));
        }
        continue;
      }
      tables.add(planLoad(table, match.get(), problems));
    }
    return new MigrationPlan(tables, problems);
  }

  private TablePlan planLoad(SourceTable source, TargetTable target, List<PlanProblem> problems) {
    List<ColumnCast> casts = new ArrayList<>();
    Set<String> usedTargetColumns = new HashSet<>();
    for (SourceColumn column : source.columns()) {
      Optional<TargetColumn> match = findColumn(target, column.name());
      if (match.isEmpty()) {
        problems.add(
            new PlanProblem(
                "missing-target-column",
                source.name(),
                column.name(),
                "source column "
                    + source.name()
                    + "."
                    + column.name()
                    + " ("
                    + column.type().display()
                    + ") has no column in target table \""
                    + target.schema()
                    + "\"."
                    + target.name()
                    + "; its data would be lost",
                "upgrade the target to the source's Moodle version and plugins, or leave the table"
                    + " out with --exclude '"
                    + source.name()
                    + "'"));
        continue;
      }
      TargetColumn targetColumn = match.get();
      usedTargetColumns.add(targetColumn.name());
      if (targetColumn.generated()) {
        if (!column.isGenerated()) {
          problems.add(
              new PlanProblem(
                  "generated-target-column",
                  source.name(),
                  column.name(),
                  "target column \""
                      + target.name()
                      + "\"."
                      + targetColumn.name()
                      + " is generated, but the source column holds data",
                  "make the target column a plain column, or exclude the table"));
        }
        continue;
      }
      Optional<ColumnCast> cast = rules.choose(column, targetColumn);
      if (cast.isEmpty()) {
        problems.add(
            new PlanProblem(
                "no-cast-rule",
                source.name(),
                column.name(),
                "no cast rule carries "
                    + source.name()
                    + "."
                    + column.name()
                    + " ("
                    + column.type().display()
                    + ") into "
                    + targetColumn.formattedType(),
                "add a rule with --cast-rules FILE (see docs/cast-rules.md)"));
        continue;
      }
      casts.add(cast.get());
    }
    for (TargetColumn column : target.columns()) {
      if (!usedTargetColumns.contains(column.name()) && !column.canBeOmitted()) {
        problems.add(
            new PlanProblem(
                "unfilled-target-column",
                source.name(),
                column.name(),
                "target column \""
                    + target.name()
                    + "\"."
                    + column.name()
                    + " is NOT NULL without a"
                    + " default, and the source table has no such column",
                "give the target column a default, or run the Moodle version of the source"));
      }
    }
    if (casts.isEmpty() && problems.stream().noneMatch(p -> source.name().equals(p.table()))) {
      problems.add(
          new PlanProblem(
              "no-copyable-columns",
              source.name(),
              null,
              "source table " + source.name() + " has no column to copy",
              "exclude it with --exclude '" + source.name() + "'"));
    }
    return new TablePlan(source, TableMode.LOAD, "", target, casts);
  }

  private static Optional<TargetTable> findTable(TargetCatalog target, String name) {
    Optional<TargetTable> exact = target.table(name);
    if (exact.isPresent()) {
      return exact;
    }
    List<TargetTable> folded =
        target.tables().values().stream().filter(t -> t.name().equalsIgnoreCase(name)).toList();
    return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
  }

  private static Optional<TargetColumn> findColumn(TargetTable target, String name) {
    Optional<TargetColumn> exact = target.column(name);
    if (exact.isPresent()) {
      return exact;
    }
    List<TargetColumn> folded =
        target.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).toList();
    return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
  }
}
