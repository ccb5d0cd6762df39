package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.testing.Columns;

/** The statements verify runs, built without a server. */
class TableQueriesTest {
  /** A plan for {@code table}: each pair is a source type and a target type, columns c1, c2 ... */
  static TablePlan plan(String table, List<String> key, long rows, long bytes, String... types) {
    List<SourceColumn> sources = new ArrayList<>();
    List<TargetColumn> targets = new ArrayList<>();
    List<ColumnCast> casts = new ArrayList<>();
    for (int i = 0; i < types.length; i += 2) {
      String name = i == 0 && !key.isEmpty() ? key.get(0) : "c" + (i / 2);
      SourceColumn s = Columns.source(name, types[i], "utf8mb4");
      TargetColumn t = Columns.target(name, types[i + 1], false, null);
      sources.add(s);
      targets.add(t);
      casts.add(new ColumnCast("r", "c", s, t));
    }
    SourceTable source =
        new SourceTable(
            table,
            "BASE TABLE",
            "InnoDB",
            rows,
            bytes,
            0,
            null,
            "utf8mb4_general_ci",
            "utf8mb4",
            "",
            sources,
            key,
            List.of());
    TargetTable target = new TargetTable("public", table, "postgres", null, targets, rows);
    return new TablePlan(source, TableMode.LOAD, "", target, casts, null, false);
  }

  private static final TablePlan USERS =
      plan(
          "mdl_user",
          List.of("id"),
          1000,
          100_000,
          "bigint(10)",
          "bigint",
          "varchar(100)",
          "varchar(100)",
          "float",
          "real");

  @Test
  void aRangeChunkReadsTheSameBoundsInKeyOrderOnBothSides() {
    TableQueries q = TableQueries.of(USERS, "moodle");
    Chunk chunk = new Chunk("mdl_user", 1, 3, "id", 100L, 200L, 100);
    assertEquals(
        "SELECT `id`, `id`, `c1`, (`c2` * 1e0) FROM `moodle`.`mdl_user` WHERE `id` >= 100 AND"
            + " `id` < 200 ORDER BY 1",
        q.sourceSelect(chunk));
    assertEquals(
        "SELECT \"id\", \"id\"::text, \"c1\"::text, \"c2\"::text FROM \"public\".\"mdl_user\""
            + " WHERE \"id\" >= 100 AND \"id\" < 200 ORDER BY 1",
        q.targetSelect(chunk));
  }

  @Test
  void openBoundsAreLeftOut() {
    TableQueries q = TableQueries.of(USERS, "moodle");
    assertTrue(
        q.sourceSelect(new Chunk("mdl_user", 0, 3, "id", null, 100L, 100))
            .endsWith("WHERE `id` < 100 ORDER BY 1"));
    assertTrue(
        q.targetSelect(new Chunk("mdl_user", 2, 3, "id", 200L, null, 100))
            .endsWith("WHERE \"id\" >= 200 ORDER BY 1"));
    assertTrue(
        q.sourceSelect(Chunk.whole("mdl_user", 5)).endsWith("FROM `moodle`.`mdl_user` ORDER BY 1"));
    assertTrue(
        q.sourceSelect(new Chunk("mdl_user", -1, 3, "id", -50L, -10L, 100))
            .contains("`id` >= -50 AND `id` < -10"));
  }

  @Test
  void rowsAreNamedAsTheJournalNamesThem() {
    TableQueries q = TableQueries.of(USERS, "moodle");
    assertTrue(q.keyed());
    assertEquals("id=42", q.keyText(42));
    TableQueries unsigned =
        TableQueries.of(
            plan("t", List.of("id"), 1, 1, "bigint(20) unsigned", "numeric(20,0)"), "db");
    assertTrue(unsigned.unsignedKey());
    assertEquals("id=18446744073709551615", unsigned.keyText(-1L));
  }

  @Test
  void aTableWithoutAnIntegerKeyIsReadWholeInNoOrder() {
    TableQueries q =
        TableQueries.of(plan("mdl_nokey", List.of(), 10, 100, "varchar(10)", "text"), "moodle");
    assertFalse(q.keyed());
    assertEquals("SELECT `c0` FROM `moodle`.`mdl_nokey`", q.sourceSelect(Chunk.whole("x", 1)));
    assertEquals(
        "SELECT \"c0\"::text FROM \"public\".\"mdl_nokey\"", q.targetSelect(Chunk.whole("x", 1)));
    TableQueries text =
        TableQueries.of(
            plan("t", List.of("name"), 10, 100, "varchar(10)", "varchar(10)"), "moodle");
    assertFalse(text.keyed(), "a text key cannot be merged: the servers sort text differently");
  }

  @Test
  void hostileNamesStayIdentifiers() {
    TableQueries q =
        TableQueries.of(
            plan("t`; DROP TABLE x; --", List.of("k'); --"), 1, 1, "int(11)", "integer"), "d\"b");
    Chunk chunk = new Chunk("t", 0, 2, "k'); --", null, 5L, 1);
    assertEquals(
        "SELECT `k'); --`, `k'); --` FROM `d\"b`.`t``; DROP TABLE x; --` WHERE `k'); --` < 5"
            + " ORDER BY 1",
        q.sourceSelect(chunk));
    assertEquals("SELECT COUNT(*) FROM \"public\".\"t`; DROP TABLE x; --\"", q.targetCount());
  }

  @Test
  void aChunkOnAnotherColumnIsRefused() {
    TableQueries q = TableQueries.of(USERS, "moodle");
    assertThrows(
        IllegalArgumentException.class,
        () -> q.sourceSelect(new Chunk("mdl_user", 0, 2, "other", null, 5L, 1)));
  }

  @Test
  void wideRowsAreFetchedInSmallerBatches() {
    assertEquals(TableQueries.MAX_FETCH_ROWS, TableQueries.of(USERS, "m").fetchRows());
    TableQueries wide =
        TableQueries.of(plan("t", List.of("id"), 100, 100L << 20, "int(11)", "integer"), "m");
    assertEquals(TableQueries.MIN_FETCH_ROWS, wide.fetchRows());
    TableQueries middle =
        TableQueries.of(plan("t", List.of("id"), 1024, 64L << 20, "int(11)", "integer"), "m");
    assertEquals(128, middle.fetchRows());
    TableQueries empty =
        TableQueries.of(plan("t", List.of("id"), 0, 16384, "int(11)", "integer"), "m");
    assertEquals(TableQueries.MAX_FETCH_ROWS, empty.fetchRows());
  }

  @Test
  void generatedTargetColumnsAreLeftOut() {
    TablePlan plan = plan("t", List.of("id"), 1, 1, "int(11)", "integer", "int(11)", "integer");
    ColumnCast generated = plan.columns().get(1);
    TargetColumn t = generated.target();
    TablePlan withGenerated =
        new TablePlan(
            plan.source(),
            plan.mode(),
            "",
            plan.target(),
            List.of(
                plan.columns().get(0),
                new ColumnCast(
                    "r",
                    "c",
                    generated.source(),
                    new TargetColumn(
                        t.name(),
                        2,
                        t.formattedType(),
                        t.baseType(),
                        -1,
                        false,
                        null,
                        "",
                        true,
                        null))),
            null,
            false);
    assertEquals(1, TableQueries.of(withGenerated, "m").columns().size());
  }
}
