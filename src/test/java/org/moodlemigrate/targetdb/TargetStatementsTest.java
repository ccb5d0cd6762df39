package org.moodlemigrate.targetdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.catalog.SequenceRef;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.plan.Chunk;

class TargetStatementsTest {
  private static TargetTable table(String name, SequenceRef seq) {
    TargetColumn id =
        new TargetColumn("id", 1, "bigint", "bigint", -1, true, "nextval(...)", "", false, seq);
    return new TargetTable("public", name, "postgres", null, List.of(id), 0);
  }

  @Test
  void deletesTheRangesOfUnfinishedChunksMergingAdjacentOnes() {
    List<Chunk> chunks =
        List.of(
            new Chunk("t", 0, 6, "id", null, 100L, 0),
            new Chunk("t", 2, 6, "id", 200L, 300L, 0),
            new Chunk("t", 3, 6, "id", 300L, 400L, 0),
            new Chunk("t", 5, 6, "id", 500L, null, 0));
    assertEquals(
        "DELETE FROM \"public\".\"mdl_t\" WHERE (\"i\"\"d\" < 100) OR (\"i\"\"d\" >= 200"
            + " AND \"i\"\"d\" < 400) OR (\"i\"\"d\" >= 500)",
        TargetStatements.deleteChunks(table("mdl_t", null), "i\"d", chunks));
    assertEquals(
        "DELETE FROM \"public\".\"mdl_t\" WHERE TRUE",
        TargetStatements.deleteChunks(
            table("mdl_t", null), "id", List.of(new Chunk("t", 0, 1, "id", null, null, 0))));
  }

  @Test
  void truncatesInBatchesOfQuotedNames() {
    List<TargetTable> tables = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      tables.add(table("mdl_t" + i, null));
    }
    List<String> sql = TargetStatements.truncate(tables);
    assertEquals(3, sql.size());
    assertTrue(
        sql.get(0).startsWith("TRUNCATE TABLE \"public\".\"mdl_t0\", \"public\".\"mdl_t1\""));
    assertEquals(20, sql.get(2).split(", ").length);
  }

  @Test
  void resetsSequencesPastMaxAndAutoIncrement() {
    SequenceRef seq =
        new SequenceRef("public", "mdl_user_id_seq", "postgres", true, 1, Long.MAX_VALUE);
    List<TargetStatements.SequenceReset> resets =
        TargetStatements.resetSequences(
            List.of(table("mdl_user", seq)), Map.of("mdl_user.id", 57L));
    assertEquals(1, resets.size());
    assertEquals(
        "SELECT setval('\"public\".\"mdl_user_id_seq\"'::regclass, GREATEST(COALESCE((SELECT"
            + " max(\"id\") FROM \"public\".\"mdl_user\"), 0) + 1, 57, 1), false)",
        resets.get(0).sql());
    String withoutAutoIncrement =
        TargetStatements.resetSequences(List.of(table("mdl_user", seq)), Map.of()).get(0).sql();
    assertTrue(withoutAutoIncrement.contains("+ 1, 1, 1)"), withoutAutoIncrement);
  }

  @Test
  void hostileNamesStayIdentifiers() {
    SequenceRef seq =
        new SequenceRef("public", "we'ird\"seq", "postgres", false, 1, Long.MAX_VALUE);
    TargetTable t = table("x\"; DROP TABLE mdl_user; --", seq);
    String reset = TargetStatements.resetSequences(List.of(t), Map.of()).get(0).sql();
    assertTrue(reset.contains("'\"public\".\"we''ird\"\"seq\"'::regclass"), reset);
    assertTrue(reset.contains("\"x\"\"; DROP TABLE mdl_user; --\""), reset);
    List<String> owner = TargetStatements.changeOwner("public", List.of(t), "moodle\"user");
    assertEquals("ALTER SCHEMA \"public\" OWNER TO \"moodle\"\"user\"", owner.get(0));
    assertEquals(
        "ALTER TABLE \"public\".\"x\"\"; DROP TABLE mdl_user; --\" OWNER TO \"moodle\"\"user\"",
        owner.get(1));
    assertEquals(
        "ALTER SEQUENCE \"public\".\"we'ird\"\"seq\" OWNER TO \"moodle\"\"user\"",
        owner.get(2),
        "a sequence a default only calls is moved on its own");
  }

  @Test
  void ownedSequencesMoveWithTheirTable() {
    SequenceRef owned =
        new SequenceRef("public", "mdl_user_id_seq", "postgres", true, 1, Long.MAX_VALUE);
    List<String> sql =
        TargetStatements.changeOwner("public", List.of(table("mdl_user", owned)), "moodle");
    assertEquals(
        List.of(
            "ALTER SCHEMA \"public\" OWNER TO \"moodle\"",
            "ALTER TABLE \"public\".\"mdl_user\" OWNER TO \"moodle\""),
        sql);
  }

  @Test
  void analysesInBatches() {
    assertEquals(
        List.of("ANALYZE \"public\".\"a\", \"public\".\"b\""),
        TargetStatements.analyze(List.of(table("a", null), table("b", null))));
  }
}
