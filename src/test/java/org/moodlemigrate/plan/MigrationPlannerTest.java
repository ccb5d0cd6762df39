package org.moodlemigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.catalog.ServerInfo;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.testing.Columns;

class MigrationPlannerTest {
  private static SourceTable sourceTable(String name, String type, SourceColumn... columns) {
    return new SourceTable(
        name,
        type,
        "InnoDB",
        10,
        0,
        0,
        1L,
        "utf8mb4_unicode_ci",
        "utf8mb4",
        "",
        List.of(columns),
        List.of("id"),
        List.of());
  }

  private static SourceCatalog source(SourceTable... tables) {
    return new SourceCatalog(
        "moodle",
        ServerInfo.ofMysqlVersion("10.11.0-MariaDB"),
        java.util.Arrays.stream(tables)
            .collect(java.util.stream.Collectors.toMap(SourceTable::name, t -> t)));
  }

  private static TargetCatalog target(TargetTable... tables) {
    return new TargetCatalog(
        "moodle",
        "public",
        "postgres",
        new ServerInfo("PostgreSQL", "15", 15, 0),
        java.util.Arrays.stream(tables)
            .collect(java.util.stream.Collectors.toMap(TargetTable::name, t -> t)),
        java.util.Arrays.stream(tables)
            .collect(java.util.stream.Collectors.toMap(TargetTable::name, TargetTable::name)));
  }

  private static TargetTable targetTable(String name, TargetColumn... columns) {
    return new TargetTable("public", name, "postgres", null, List.of(columns), 0);
  }

  private static MigrationPlan plan(SourceCatalog s, TargetCatalog t, TableSelector selector) {
    return plan(s, t, selector, SchemaMode.DATA_ONLY, false);
  }

  private static MigrationPlan plan(
      SourceCatalog s, TargetCatalog t, TableSelector selector, SchemaMode mode, boolean drop) {
    return new MigrationPlanner(CastRuleSet.defaults(), selector, mode, drop).plan(s, t);
  }

  @Test
  void loadsTablesThatExistOnBothSidesColumnByColumn() {
    MigrationPlan plan =
        plan(
            source(
                sourceTable(
                    "mdl_forum_digests",
                    "BASE TABLE",
                    Columns.source("id", "bigint(10)", null),
                    Columns.source("maildigest", "tinyint(1)", null))),
            target(
                targetTable(
                    "mdl_forum_digests",
                    Columns.target("id", "bigint", true, "nextval('x')"),
                    Columns.target("maildigest", "smallint", true, "0"))),
            TableSelector.all());
    assertTrue(plan.canStart(), plan.problems().toString());
    TablePlan t = plan.loaded().get(0);
    assertEquals(TableMode.LOAD, t.mode());
    assertEquals(
        List.of("integer-to-integer", "integer-to-integer"),
        t.columns().stream().map(c -> c.ruleId()).toList());
  }

  @Test
  void aSourceColumnMissingInTheTargetStopsTheRunNamingIt() {
    MigrationPlan plan =
        plan(
            source(
                sourceTable(
                    "mdl_user",
                    "BASE TABLE",
                    Columns.source("id", "bigint(10)", null),
                    Columns.source("legacyfield", "varchar(10)", "utf8mb4"))),
            target(targetTable("mdl_user", Columns.target("id", "bigint", true, null))),
            TableSelector.all());
    assertEquals(1, plan.problems().size());
    PlanProblem p = plan.problems().get(0);
    assertEquals("missing-target-column", p.code());
    assertTrue(p.message().contains("mdl_user.legacyfield"), p.message());
    assertTrue(p.message().contains("would be lost"));
  }

  @Test
  void aTargetColumnWithoutSourceMustBeOmittable() {
    MigrationPlan plan =
        plan(
            source(sourceTable("t", "BASE TABLE", Columns.source("id", "bigint(10)", null))),
            target(
                targetTable(
                    "t",
                    Columns.target("id", "bigint", true, null),
                    Columns.target("nullable", "text", false, null),
                    Columns.target("defaulted", "smallint", true, "0"),
                    Columns.target("required", "bigint", true, null))),
            TableSelector.all());
    assertEquals(
        List.of("unfilled-target-column"),
        plan.problems().stream().map(PlanProblem::code).toList());
    assertEquals("required", plan.problems().get(0).column());
  }

  @Test
  void missingTablesAreNamedUnlessExcluded() {
    SourceCatalog s =
        source(
            sourceTable("mdl_course", "BASE TABLE", Columns.source("id", "bigint(10)", null)),
            sourceTable("mdl_local_plugin", "BASE TABLE", Columns.source("id", "bigint(10)", null)),
            sourceTable("mdl_some_view", "VIEW", Columns.source("id", "bigint(10)", null)));
    TargetCatalog t = target(targetTable("mdl_course", Columns.target("id", "bigint", true, null)));
    MigrationPlan refused = plan(s, t, TableSelector.all());
    assertEquals(1, refused.problems().size());
    assertEquals("missing-target-table", refused.problems().get(0).code());
    assertTrue(refused.problems().get(0).message().contains("mdl_local_plugin"));
    assertTrue(refused.problems().get(0).fix().contains("--exclude"));

    MigrationPlan ok = plan(s, t, TableSelector.of(List.of(), List.of("mdl_local_.*")));
    assertTrue(ok.canStart());
    assertEquals(List.of("mdl_course"), ok.loaded().stream().map(TablePlan::name).toList());
    Map<String, String> reasons =
        ok.skipped().stream()
            .collect(java.util.stream.Collectors.toMap(TablePlan::name, TablePlan::reason));
    assertTrue(reasons.get("mdl_local_plugin").contains("--exclude"));
    assertTrue(reasons.get("mdl_some_view").contains("views are never copied"));
  }

  @Test
  void aPairWithoutACastRuleIsAProblem() {
    MigrationPlan plan =
        plan(
            source(
                sourceTable(
                    "t",
                    "BASE TABLE",
                    Columns.source("id", "bigint(10)", null),
                    Columns.source("v", "varchar(10)", "utf8mb4"))),
            target(
                targetTable(
                    "t",
                    Columns.target("id", "bigint", true, null),
                    Columns.target("v", "integer", false, null))),
            TableSelector.all());
    assertEquals("no-cast-rule", plan.problems().get(0).code());
    assertTrue(plan.problems().get(0).message().contains("varchar(10)"));
  }

  @Test
  void namesMatchIgnoringCaseWhenUnambiguous() {
    MigrationPlan plan =
        plan(
            source(
                sourceTable("MDL_Course", "BASE TABLE", Columns.source("ID", "bigint(10)", null))),
            target(targetTable("mdl_course", Columns.target("id", "bigint", true, null))),
            TableSelector.all());
    assertTrue(plan.canStart(), plan.problems().toString());
    assertEquals("mdl_course", plan.loaded().get(0).target().name());
    assertEquals("id", plan.loaded().get(0).columns().get(0).target().name());
  }

  @Test
  void aMissingSchemaIsAProblem() {
    TargetCatalog none =
        new TargetCatalog(
            "moodle",
            "moodle",
            null,
            new ServerInfo("PostgreSQL", "15", 15, 0),
            Map.of(),
            Map.of());
    MigrationPlan plan =
        plan(
            source(sourceTable("t", "BASE TABLE", Columns.source("id", "bigint(10)", null))),
            none,
            TableSelector.all());
    assertEquals(
        List.of("missing-target-schema"), plan.problems().stream().map(PlanProblem::code).toList());
  }

  @Test
  void autoModeCreatesMissingTablesWithCreatedTypesAndCasts() {
    SourceTable dynamic =
        new SourceTable(
            "mdl_appraisal_quest_data_7",
            "BASE TABLE",
            "InnoDB",
            10,
            0,
            0,
            5L,
            "utf8mb4_unicode_ci",
            "utf8mb4",
            "",
            List.of(
                autoIncrement(Columns.source("id", "bigint(10)", null)),
                Columns.source("flag", "tinyint(1)", null),
                Columns.source("score", "decimal(10,5)", null)),
            List.of("id"),
            List.of());
    TargetCatalog t = target(targetTable("mdl_course", Columns.target("id", "bigint", true, null)));
    MigrationPlan plan =
        plan(
            source(
                dynamic,
                sourceTable("mdl_course", "BASE TABLE", Columns.source("id", "bigint(10)", null))),
            t,
            TableSelector.all(),
            SchemaMode.AUTO,
            false);
    assertTrue(plan.canStart(), plan.problems().toString());
    assertEquals(List.of("mdl_course"), plan.loaded().stream().map(TablePlan::name).toList());
    TablePlan created = plan.created().get(0);
    assertEquals(TableMode.CREATE, created.mode());
    assertEquals(
        List.of("bigint", "smallint", "numeric(10,5)"),
        created.target().columns().stream().map(TargetColumn::formattedType).toList());
    assertEquals(
        "mdl_appraisal_quest_data_7_id_seq", created.target().columns().get(0).sequence().name());
    assertEquals(
        List.of("integer-to-integer", "integer-to-integer", "decimal-to-numeric"),
        created.columns().stream().map(c -> c.ruleId()).toList());
  }

  /**
   * The verification pipeline carries each table's plan to the workers ({@code VerifyWork}), so a
   * plan, created tables' definitions and target types included, must survive Java serialisation
   * as Beam's coder applies it (a created table's PostgresType once did not: the first Flink run
   * in create mode failed before it started).
   */
  @Test
  void plansOfLoadedAndCreatedTablesSurviveTheCoderOfThePipelines() throws Exception {
    SourceTable created =
        sourceTable(
            "mdl_local_new",
            "BASE TABLE",
            Columns.source("id", "bigint(10)", null),
            Columns.source("name", "varchar(255)", "utf8mb4"),
            Columns.source("flag", "tinyint(1)", null),
            Columns.source("score", "decimal(10,5)", null),
            Columns.source("body", "longtext", "utf8mb4"),
            Columns.source("at", "datetime", null),
            Columns.source("data", "longblob", null));
    SourceTable loaded =
        sourceTable("mdl_course", "BASE TABLE", Columns.source("id", "bigint(10)", null));
    TargetCatalog t = target(targetTable("mdl_course", Columns.target("id", "bigint", true, null)));
    MigrationPlan plan = plan(source(created, loaded), t, TableSelector.all(), SchemaMode.AUTO, false);
    assertTrue(plan.canStart(), plan.problems().toString());
    assertEquals(1, plan.created().size());
    for (TablePlan table : java.util.stream.Stream.concat(plan.loaded().stream(), plan.created().stream()).toList()) {
      org.apache.beam.sdk.coders.SerializableCoder<TablePlan> coder =
          org.apache.beam.sdk.coders.SerializableCoder.of(TablePlan.class);
      TablePlan back =
          org.apache.beam.sdk.util.CoderUtils.clone(coder, table);
      assertEquals(table.name(), back.name());
      assertEquals(table.columns().size(), back.columns().size());
    }
  }

  @Test
  void createModeRefusesExistingTablesUnlessTheyAreReplaced() {
    SourceCatalog s =
        source(sourceTable("mdl_course", "BASE TABLE", Columns.source("id", "bigint(10)", null)));
    TargetCatalog t = target(targetTable("mdl_course", Columns.target("id", "bigint", true, null)));
    MigrationPlan refused = plan(s, t, TableSelector.all(), SchemaMode.CREATE, false);
    assertEquals(
        List.of("target-table-exists"),
        refused.problems().stream().map(PlanProblem::code).toList());
    MigrationPlan replaced = plan(s, t, TableSelector.all(), SchemaMode.CREATE, true);
    assertTrue(replaced.canStart(), replaced.problems().toString());
    assertTrue(replaced.created().get(0).replacesExisting());
  }

  @Test
  void aMissingSchemaIsCreatedOutsideDataOnlyMode() {
    TargetCatalog none =
        new TargetCatalog(
            "moodle",
            "moodle",
            null,
            new ServerInfo("PostgreSQL", "15", 15, 0),
            Map.of(),
            Map.of());
    MigrationPlan plan =
        plan(
            source(sourceTable("t", "BASE TABLE", Columns.source("id", "bigint(10)", null))),
            none,
            TableSelector.all(),
            SchemaMode.AUTO,
            false);
    assertTrue(plan.canStart(), plan.problems().toString());
    assertTrue(plan.createsSchema());
    assertEquals("moodle", plan.created().get(0).target().schema());
  }

  @Test
  void aCreatedTableNameMustFitAndBeFree() {
    String long64 = "mdl_" + "x".repeat(60);
    TargetCatalog t =
        new TargetCatalog(
            "moodle",
            "public",
            "postgres",
            new ServerInfo("PostgreSQL", "15", 15, 0),
            Map.of(),
            Map.of("mdl_taken", "mdl_other"));
    MigrationPlan plan =
        plan(
            source(
                sourceTable(long64, "BASE TABLE", Columns.source("id", "bigint(10)", null)),
                sourceTable("mdl_taken", "BASE TABLE", Columns.source("id", "bigint(10)", null))),
            t,
            TableSelector.all(),
            SchemaMode.AUTO,
            false);
    assertEquals(
        List.of("identifier-too-long", "name-taken"),
        plan.problems().stream().map(PlanProblem::code).sorted().toList());
  }

  private static SourceColumn autoIncrement(SourceColumn c) {
    return new SourceColumn(
        c.name(),
        c.position(),
        c.dataType(),
        c.type(),
        false,
        c.defaultValue(),
        true,
        null,
        false,
        c.charset(),
        c.collation(),
        "");
  }
}
