package org.moodlemigrate.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.catalog.PostgresType;

/** The DDL of every column and index shape, rendered without a database. */
class DdlRendererTest {
  private static ColumnDefinition column(
      String name, String type, boolean notNull, String defaultSql) {
    return new ColumnDefinition(name, PostgresType.parse(type), notNull, defaultSql, null, null);
  }

  private static TableDefinition table(List<ColumnDefinition> columns, List<IndexPlan> indexes) {
    return new TableDefinition(
        "public",
        "mdl_appraisal_quest_data_7",
        columns,
        "mdl_appraisal_quest_data_7_id_seq",
        "id",
        indexes,
        "Appraisal answers",
        List.of());
  }

  @Test
  void createsSequenceTableOwnershipAndComments() {
    TableDefinition d =
        table(
            List.of(
                column("id", "bigint", true, null),
                column("flag", "smallint", true, "0"),
                column("digest", "smallint", true, "-1"),
                column("score", "numeric(10,5)", false, null),
                column("name", "varchar(255)", true, "''"),
                new ColumnDefinition(
                    "notes", PostgresType.parse("text"), false, null, null, "free text")),
            List.of());
    List<String> sql = DdlRenderer.createStatements(d, false);
    assertEquals("create sequence \"public\".\"mdl_appraisal_quest_data_7_id_seq\"", sql.get(0));
    assertEquals(
        "create table \"public\".\"mdl_appraisal_quest_data_7\" (\"id\" bigint not null default"
            + " nextval('\"public\".\"mdl_appraisal_quest_data_7_id_seq\"'::regclass), \"flag\""
            + " smallint not null default 0, \"digest\" smallint not null default -1, \"score\""
            + " numeric(10,5) null, \"name\" varchar(255) not null default '', \"notes\" text"
            + " null)",
        sql.get(1));
    assertEquals(
        "ALTER SEQUENCE \"public\".\"mdl_appraisal_quest_data_7_id_seq\" OWNED BY"
            + " \"public\".\"mdl_appraisal_quest_data_7\".\"id\"",
        sql.get(2));
    assertEquals(
        "comment on table \"public\".\"mdl_appraisal_quest_data_7\" is 'Appraisal answers'",
        sql.get(3));
    assertEquals(
        "COMMENT ON COLUMN \"public\".\"mdl_appraisal_quest_data_7\".\"notes\" IS 'free text'",
        sql.get(4));
    assertEquals(5, sql.size());
  }

  @Test
  void dropsFirstWhenReplacing() {
    List<String> sql =
        DdlRenderer.createStatements(
            table(List.of(column("id", "bigint", true, null)), List.of()), true);
    assertEquals(
        "drop table if exists \"public\".\"mdl_appraisal_quest_data_7\" cascade", sql.get(0));
  }

  @Test
  void rendersEveryCreatedTypeVerbatim() {
    for (String type :
        List.of(
            "smallint",
            "integer",
            "bigint",
            "numeric(20)",
            "numeric(10,5)",
            "real",
            "double precision",
            "varchar(1333)",
            "text",
            "bytea",
            "jsonb",
            "date",
            "timestamp(6)",
            "timestamp(0) with time zone",
            "interval",
            "bit(8)")) {
      TableDefinition d =
          new TableDefinition(
              "s",
              "t",
              List.of(column("c", type, false, null)),
              null,
              null,
              List.of(),
              null,
              List.of());
      assertEquals(
          "create table \"s\".\"t\" (\"c\" " + type + " null)",
          DdlRenderer.createStatements(d, false).get(0));
    }
  }

  @Test
  void rendersGeneratedColumns() {
    TableDefinition d =
        new TableDefinition(
            "s",
            "t",
            List.of(
                column("a", "integer", false, null),
                new ColumnDefinition(
                    "b", PostgresType.parse("integer"), false, null, "(\"a\" * 2)", null)),
            null,
            null,
            List.of(),
            null,
            List.of());
    assertEquals(
        "create table \"s\".\"t\" (\"a\" integer null, \"b\" integer GENERATED ALWAYS AS ((\"a\" *"
            + " 2)) STORED null)",
        DdlRenderer.createStatements(d, false).get(0));
  }

  @Test
  void rendersEveryIndexShape() {
    List<IndexPlan> indexes =
        List.of(
            new IndexPlan(
                "mdl_appr_pkey",
                IndexPlan.Kind.PRIMARY_KEY,
                List.of(new IndexPlan.Part("id", null))),
            new IndexPlan(
                "mdl_appr_usequ_uix",
                IndexPlan.Kind.UNIQUE,
                List.of(
                    new IndexPlan.Part("userid", null), new IndexPlan.Part("questionid", null))),
            new IndexPlan(
                "mdl_appr_nam_ix", IndexPlan.Kind.PLAIN, List.of(new IndexPlan.Part("name", 50))),
            new IndexPlan(
                "mdl_appr_index_notes",
                IndexPlan.Kind.FULL_TEXT,
                List.of(new IndexPlan.Part("notes", null))));
    List<IndexDefinition> sql =
        DdlRenderer.indexes(table(List.of(column("id", "bigint", true, null)), indexes));
    assertEquals(
        "alter table \"public\".\"mdl_appraisal_quest_data_7\" add constraint \"mdl_appr_pkey\""
            + " primary key (\"id\")",
        sql.get(0).definition());
    assertEquals(
        "create unique index \"mdl_appr_usequ_uix\" on"
            + " \"public\".\"mdl_appraisal_quest_data_7\"(\"userid\", \"questionid\")",
        sql.get(1).definition());
    assertEquals(
        "create index \"mdl_appr_nam_ix\" on"
            + " \"public\".\"mdl_appraisal_quest_data_7\"(substr(\"name\", 1, 50))",
        sql.get(2).definition());
    assertEquals(
        "CREATE INDEX \"mdl_appr_index_notes\" ON \"public\".\"mdl_appraisal_quest_data_7\" USING"
            + " gin (to_tsvector('simple', \"notes\"))",
        sql.get(3).definition());
    assertTrue(sql.stream().allMatch(i -> i.table().equals("mdl_appraisal_quest_data_7")));
    assertEquals("mdl_appr_pkey", sql.get(0).name());
  }

  @Test
  void hostileNamesStayNames() {
    String evil = "t\"; DROP TABLE mdl_user; --";
    TableDefinition d =
        new TableDefinition(
            "public",
            evil,
            List.of(column("o'rder", "integer", false, null)),
            null,
            null,
            List.of(
                new IndexPlan(
                    "i\"x", IndexPlan.Kind.PLAIN, List.of(new IndexPlan.Part("o'rder", null)))),
            "it's",
            List.of());
    String create = DdlRenderer.createStatements(d, false).get(0);
    assertEquals(
        "create table \"public\".\"t\"\"; DROP TABLE mdl_user; --\" (\"o'rder\" integer null)",
        create);
    assertEquals(
        "create index \"i\"\"x\" on \"public\".\"t\"\"; DROP TABLE mdl_user; --\"(\"o'rder\")",
        DdlRenderer.indexes(d).get(0).definition());
  }
}
