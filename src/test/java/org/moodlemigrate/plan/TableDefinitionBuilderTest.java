package org.moodlemigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.catalog.ColumnType;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceDefault;
import org.moodlemigrate.catalog.SourceIndex;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.ddl.IndexPlan;
import org.moodlemigrate.ddl.NameAllocator;
import org.moodlemigrate.ddl.TableDefinition;

class TableDefinitionBuilderTest {
  private static SourceColumn column(
      String name, String type, boolean nullable, SourceDefault d, boolean ai, String generated) {
    ColumnType t = ColumnType.parse(type);
    return new SourceColumn(
        name,
        1,
        t.name(),
        t,
        nullable,
        d,
        ai,
        generated,
        false,
        "utf8mb4",
        "utf8mb4_unicode_ci",
        "");
  }

  private static SourceTable table(List<SourceColumn> columns, List<SourceIndex> indexes) {
    return new SourceTable(
        "mdl_x",
        "BASE TABLE",
        "InnoDB",
        0,
        0,
        0,
        1L,
        "utf8mb4_unicode_ci",
        "utf8mb4",
        "X table",
        columns,
        List.of("id"),
        indexes);
  }

  private static TableDefinitionBuilder.Result build(SourceTable t) {
    NameAllocator names = new NameAllocator(new HashSet<>(List.of("mdl_x", "mdl_taken_ix")));
    return new TableDefinitionBuilder(CastRuleSet.defaults(), names).build(t, "public");
  }

  @Test
  void buildsMoodleLikeColumnsKeysAndIndexes() {
    SourceTable t =
        table(
            List.of(
                column("id", "bigint(10)", false, SourceDefault.NONE_DEFAULT, true, null),
                column("flag", "tinyint(1)", false, SourceDefault.literal("0"), false, null),
                column(
                    "grade",
                    "decimal(10,5)",
                    false,
                    SourceDefault.literal("100.00000"),
                    false,
                    null),
                column("name", "varchar(255)", false, SourceDefault.literal(""), false, null),
                column("body", "longtext", true, SourceDefault.NULL_DEFAULT, false, null),
                column(
                    "twice", "int(10)", true, SourceDefault.NULL_DEFAULT, false, "(`flag` * 2)")),
            List.of(
                new SourceIndex(
                    "PRIMARY", true, "BTREE", List.of(new SourceIndex.Part("id", null))),
                new SourceIndex(
                    "mdl_taken_ix", false, "BTREE", List.of(new SourceIndex.Part("name", 50))),
                new SourceIndex(
                    "ft",
                    false,
                    "FULLTEXT",
                    List.of(
                        new SourceIndex.Part("name", null), new SourceIndex.Part("body", null))),
                new SourceIndex(
                    "sp", false, "SPATIAL", List.of(new SourceIndex.Part("body", null)))));
    TableDefinitionBuilder.Result r = build(t);
    assertTrue(r.problems().isEmpty(), r.problems().toString());
    TableDefinition d = r.definition();
    assertEquals(
        List.of("bigint", "smallint", "numeric(10,5)", "varchar(255)", "text", "integer"),
        d.columns().stream().map(c -> c.type().sql()).toList());
    assertEquals("mdl_x_id_seq", d.sequence());
    assertEquals("0", d.columns().get(1).defaultSql());
    assertEquals("100", d.columns().get(2).defaultSql());
    assertEquals("''", d.columns().get(3).defaultSql());
    assertNull(d.columns().get(4).defaultSql());
    assertEquals("(\"flag\" * 2)", d.columns().get(5).generatedSql());
    assertEquals(
        List.of(
            IndexPlan.Kind.PRIMARY_KEY,
            IndexPlan.Kind.PLAIN,
            IndexPlan.Kind.FULL_TEXT,
            IndexPlan.Kind.FULL_TEXT),
        d.indexes().stream().map(IndexPlan::kind).toList());
    assertEquals("mdl_x_pkey", d.indexes().get(0).name());
    assertTrue(
        d.indexes().get(1).name().startsWith("mdl_taken_ix_"), "a taken name is made unique");
    assertEquals(50, d.indexes().get(1).parts().get(0).prefixLength());
    assertEquals(
        List.of("ft_name", "ft_body"),
        List.of(d.indexes().get(2).name(), d.indexes().get(3).name()));
    assertTrue(
        d.warnings().stream().anyMatch(w -> w.contains("SPATIAL index sp")),
        d.warnings().toString());
    assertTrue(d.warnings().stream().anyMatch(w -> w.contains("twice")), "virtual becomes stored");
    assertEquals("X table", d.comment());
  }

  @Test
  void refusesWhatItCannotCreateExactly() {
    SourceTable t =
        table(
            List.of(
                column("id", "bigint(10)", false, SourceDefault.NONE_DEFAULT, true, null),
                column(
                    "g",
                    "int(10)",
                    true,
                    SourceDefault.NULL_DEFAULT,
                    false,
                    "`id`); DROP TABLE mdl_user; --"),
                column("weird", "mysterytype", true, SourceDefault.NULL_DEFAULT, false, null),
                column("c".repeat(64), "int(10)", true, SourceDefault.NULL_DEFAULT, false, null)),
            List.of());
    TableDefinitionBuilder.Result r = build(t);
    assertNull(r.definition());
    assertEquals(
        List.of("identifier-too-long", "no-create-rule", "untranslatable-generated-column"),
        r.problems().stream().map(PlanProblem::code).sorted().toList());
  }
}
