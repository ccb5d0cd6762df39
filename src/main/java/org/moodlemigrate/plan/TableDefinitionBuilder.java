package org.moodlemigrate.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.catalog.PostgresType;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceIndex;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.ddl.ColumnDefinition;
import org.moodlemigrate.ddl.DefaultTranslator;
import org.moodlemigrate.ddl.GenerationExpression;
import org.moodlemigrate.ddl.IndexPlan;
import org.moodlemigrate.ddl.NameAllocator;
import org.moodlemigrate.ddl.TableDefinition;

/**
 * Decides how a source table is created in the target: column types from the create rules,
 * Moodle-style defaults, the auto-increment column's sequence ({@code <table>_<column>_seq}, as
 * {@code mdl_x_id_seq}), generated columns, the primary key and the indexes, with names unique in
 * the schema and at most 63 bytes.
 *
 * <p>What cannot be created exactly is a {@link PlanProblem} (no create rule for a type, a name
 * PostgreSQL cannot hold, a generation expression that cannot be translated), so the run stops
 * before writing. What can be left out without losing data (a default, a SPATIAL or functional
 * index) is a warning naming the object. MySQL index forms become what PostgreSQL users (and
 * Moodle) use: a prefix part {@code col(50)} becomes {@code substr(col, 1, 50)}; a FULLTEXT index
 * becomes one GIN index on {@code to_tsvector('simple', col)} per column.
 */
public final class TableDefinitionBuilder {
  private final CastRuleSet rules;
  private final NameAllocator names;

  public TableDefinitionBuilder(CastRuleSet rules, NameAllocator names) {
    this.rules = rules;
    this.names = names;
  }

  /**
   * @param definition the table to create; null when there are problems
   * @param problems reasons the table cannot be created
   */
  public record Result(TableDefinition definition, List<PlanProblem> problems) {}

  /** Builds the definition of {@code table}, whose name the caller has already reserved. */
  public Result build(SourceTable table, String schema) {
    List<PlanProblem> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String t = table.name();

    List<ColumnDefinition> columns = new ArrayList<>();
    String sequence = null;
    String sequenceColumn = null;
    for (SourceColumn c : table.columns()) {
      if (!NameAllocator.fits(c.name())) {
        problems.add(
            new PlanProblem(
                "identifier-too-long",
                t,
                c.name(),
                "column name " + t + "." + c.name() + " is longer than PostgreSQL's 63 bytes",
                "rename it in the source"));
        continue;
      }
      Optional<CastRuleSet.CreatedType> created = rules.createType(c);
      if (created.isEmpty()) {
        problems.add(
            new PlanProblem(
                "no-create-rule",
                t,
                c.name(),
                "no create rule gives a PostgreSQL type for "
                    + t
                    + "."
                    + c.name()
                    + " ("
                    + c.type().display()
                    + ")",
                "add one under 'create' with --cast-rules FILE (see docs/cast-rules.md)"));
        continue;
      }
      PostgresType type = created.get().type();
      String generated = null;
      String defaultSql = null;
      if (c.isGenerated()) {
        generated = GenerationExpression.translate(c.generationExpression());
        if (generated == null) {
          problems.add(
              new PlanProblem(
                  "untranslatable-generated-column",
                  t,
                  c.name(),
                  "generated column "
                      + t
                      + "."
                      + c.name()
                      + " has an expression that cannot be carried: "
                      + c.generationExpression(),
                  "create the table in the target yourself, or exclude it"));
          continue;
        }
        if (!c.storedGenerated()) {
          warnings.add(
              "virtual generated column "
                  + t
                  + "."
                  + c.name()
                  + " becomes a stored one (PostgreSQL computes"
                  + " generated columns on write)");
        }
      } else if (c.autoIncrement()) {
        sequence = names.allocate(t + "_" + c.name() + "_seq");
        sequenceColumn = c.name();
      } else {
        DefaultTranslator.Translation d = DefaultTranslator.translate(t, c, type);
        defaultSql = d.sql();
        if (d.warning() != null) {
          warnings.add(d.warning());
        }
      }
      columns.add(
          new ColumnDefinition(
              c.name(), type, !c.nullable(), defaultSql, generated, blankToNull(c.comment())));
    }

    List<IndexPlan> indexes = new ArrayList<>();
    if (!table.primaryKey().isEmpty()) {
      indexes.add(
          new IndexPlan(
              names.allocate(t + "_pkey"),
              IndexPlan.Kind.PRIMARY_KEY,
              table.primaryKey().stream().map(k -> new IndexPlan.Part(k, null)).toList()));
    }
    for (SourceIndex index : table.indexes()) {
      if (index.isPrimary()) {
        continue;
      }
      String kind = index.kind() == null ? "BTREE" : index.kind().toUpperCase(Locale.ROOT);
      if (index.parts().stream().anyMatch(p -> p.column() == null)) {
        warnings.add(
            "functional index "
                + index.name()
                + " of "
                + t
                + " is not created: its expression is MySQL's");
      } else if (kind.equals("SPATIAL")) {
        warnings.add(
            "SPATIAL index "
                + index.name()
                + " of "
                + t
                + " is not created: the column becomes bytea");
      } else if (kind.equals("FULLTEXT")) {
        for (SourceIndex.Part part : index.parts()) {
          indexes.add(
              new IndexPlan(
                  names.allocate(index.name() + "_" + part.column()),
                  IndexPlan.Kind.FULL_TEXT,
                  List.of(new IndexPlan.Part(part.column(), null))));
        }
      } else {
        indexes.add(
            new IndexPlan(
                names.allocate(index.name()),
                index.unique() ? IndexPlan.Kind.UNIQUE : IndexPlan.Kind.PLAIN,
                index.parts().stream()
                    .map(p -> new IndexPlan.Part(p.column(), p.prefixLength()))
                    .toList()));
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    return new Result(
        new TableDefinition(
            schema,
            t,
            columns,
            sequence,
            sequenceColumn,
            indexes,
            blankToNull(table.comment()),
            warnings),
        List.of());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
