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
import org.moodlemigrate.ddl.NameAllocator;
import org.moodlemigrate.ddl.TableDefinition;

/**
 * Decides, for every source table, whether and how it is loaded, and collects every reason not to
 * start — all of them, not just the first, so one rehearsal shows the whole list.
 *
 * <p>A selected base table that exists in the target schema is loaded; one that does not is created
 * from the source catalog ({@link SchemaMode#AUTO}), or stops the run ({@link
 * SchemaMode#DATA_ONLY}); with {@link SchemaMode#CREATE} every table is created. Load rules:
 * columns match by name; every source column needs a target column (else its data would be lost)
 * and a cast rule for the pair; every target column without a source column must accept being left
 * out (nullable, a default, identity or generated). Generated columns on both sides are left to the
 * target to compute. Names match exactly, or, failing that, ignoring case when that is unambiguous
 * (MySQL on case-insensitive file systems reports mixed case; PostgreSQL folds to lower case).
 */
public final class MigrationPlanner {
  private final CastRuleSet rules;
  private final TableSelector selector;
  private final SchemaMode mode;
  private final boolean dropExisting;

  public MigrationPlanner(
      CastRuleSet rules, TableSelector selector, SchemaMode mode, boolean dropExisting) {
    this.rules = rules;
    this.selector = selector;
    this.mode = mode;
    this.dropExisting = dropExisting;
  }

  public MigrationPlan plan(SourceCatalog source, TargetCatalog target) {
    List<TablePlan> tables = new ArrayList<>();
    List<PlanProblem> problems = new ArrayList<>();
    if (!target.schemaExists() && mode == SchemaMode.DATA_ONLY) {
      problems.add(
          new PlanProblem(
              "missing-target-schema",
              null,
              null,
              "target schema \""
                  + target.schema()
                  + "\" does not exist in database "
                  + target.database(),
              "install Moodle on the target first, name the right schema with --target-schema, or"
                  + " let the tool create everything with --schema-mode create"));
    }
    List<SourceTable> toCreate = new ArrayList<>();
    Set<String> replaced = new HashSet<>();
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
      if (match.isPresent() && mode != SchemaMode.CREATE) {
        tables.add(planLoad(table, match.get(), problems));
      } else if (match.isPresent() && dropExisting) {
        replaced.add(match.get().name());
        toCreate.add(table);
      } else if (match.isPresent()) {
        problems.add(
            new PlanProblem(
                "target-table-exists",
                table.name(),
                null,
                "--schema-mode create needs an empty target, but table \""
                    + target.schema()
                    + "\"."
                    + match.get().name()
                    + " exists",
                "drop it, use --schema-mode auto to load into it, or --drop-existing to replace"
                    + " it"));
      } else if (mode == SchemaMode.DATA_ONLY) {
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
                  "install the plugin that owns it on the target, let the tool create it with"
                      + " --schema-mode auto, or leave it out with --exclude '"
                      + table.name()
                      + "'"));
        }
      } else {
        toCreate.add(table);
      }
    }
    planCreates(toCreate, replaced, target, tables, problems);
    tables.sort(java.util.Comparator.comparing(TablePlan::name));
    return new MigrationPlan(tables, problems, !target.schemaExists());
  }

  /**
   * Plans the tables to create. Their names are reserved first, so that an index or sequence name
   * chosen for one table never takes another's name; names of relations that belong to replaced
   * tables are free again.
   */
  private void planCreates(
      List<SourceTable> toCreate,
      Set<String> replaced,
      TargetCatalog target,
      List<TablePlan> tables,
      List<PlanProblem> problems) {
    Set<String> taken = new HashSet<>();
    target
        .relations()
        .forEach(
            (relation, owner) -> {
              if (!replaced.contains(owner)) {
                taken.add(relation);
              }
            });
    NameAllocator names = new NameAllocator(taken);
    List<SourceTable> reserved = new ArrayList<>();
    for (SourceTable table : toCreate) {
      if (!NameAllocator.fits(table.name())) {
        problems.add(
            new PlanProblem(
                "identifier-too-long",
                table.name(),
                null,
                "table name " + table.name() + " is longer than PostgreSQL's 63 bytes",
                "rename it in the source, or exclude it"));
      } else if (!names.reserve(table.name())) {
        problems.add(
            new PlanProblem(
                "name-taken",
                table.name(),
                null,
                "table "
                    + table.name()
                    + " cannot be created: another relation in schema \""
                    + target.schema()
                    + "\" has that name",
                "drop or rename that relation, or exclude the table"));
      } else {
        reserved.add(table);
      }
    }
    TableDefinitionBuilder builder = new TableDefinitionBuilder(rules, names);
    for (SourceTable table : reserved) {
      TableDefinitionBuilder.Result result = builder.build(table, target.schema());
      problems.addAll(result.problems());
      if (result.definition() != null) {
        tables.add(
            planCreate(table, result.definition(), replaced.contains(table.name()), problems));
      }
    }
  }

  private TablePlan planCreate(
      SourceTable source,
      TableDefinition definition,
      boolean replacesExisting,
      List<PlanProblem> problems) {
    TargetTable target = definition.asTargetTable();
    List<ColumnCast> casts = new ArrayList<>();
    for (SourceColumn column : source.columns()) {
      Optional<TargetColumn> created = target.column(column.name());
      if (created.isEmpty() || created.get().generated()) {
        continue;
      }
      Optional<ColumnCast> cast = rules.choose(column, created.get());
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
                    + ") into the created "
                    + created.get().formattedType(),
                "add a rule with --cast-rules FILE (see docs/cast-rules.md)"));
        continue;
      }
      casts.add(cast.get());
    }
    return new TablePlan(source, TableMode.CREATE, "", target, casts, definition, replacesExisting);
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
    return new TablePlan(source, TableMode.LOAD, "", target, casts, null, false);
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
