package org.moodlemigrate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsAtSemicolonsThatEndALineAndDropsThem() {
    String script = "CREATE TABLE t (\n  id bigint NOT NULL\n);\nINSERT INTO t VALUES (1);\n";

    assertEquals(
        List.of("CREATE TABLE t (\n  id bigint NOT NULL\n)", "INSERT INTO t VALUES (1)"),
        SqlScript.split(script));
  }

  @Test
  void skipsCommentLinesAndBlankLinesAnywhere() {
    String script =
        "-- header\n\n"
            + "  -- indented comment\n"
            + "CREATE TABLE t (\n"
            + "-- inside\n\n"
            + "  id int\n"
            + ");\n\n"
            + "-- end\n";

    assertEquals(List.of("CREATE TABLE t (\n  id int\n)"), SqlScript.split(script));
  }

  @Test
  void keepsSemicolonsThatDoNotEndALine() {
    String script = "INSERT INTO t VALUES ('a;b');\nINSERT INTO t VALUES ('c'); \n";

    assertEquals(
        List.of("INSERT INTO t VALUES ('a;b')", "INSERT INTO t VALUES ('c')"),
        SqlScript.split(script));
  }

  @Test
  void keepsTextAndAccentsInsideStatementsUnchanged() {
    String script = "INSERT INTO t VALUES ('Łódź -- 𠮷田 😀',\n    '  indented');\n";

    assertEquals(
        List.of("INSERT INTO t VALUES ('Łódź -- 𠮷田 😀',\n    '  indented')"),
        SqlScript.split(script));
  }

  @Test
  void acceptsWindowsLineEnds() {
    assertEquals(
        List.of("SELECT 1", "SELECT\n2"), SqlScript.split("SELECT 1;\r\nSELECT\r\n2;\r\n"));
  }

  @Test
  void acceptsALastStatementWithoutLineEnd() {
    assertEquals(List.of("SELECT 1"), SqlScript.split("SELECT 1;"));
  }

  @Test
  void returnsNothingForAScriptOfCommentsOnly() {
    assertEquals(List.of(), SqlScript.split("-- nothing\n\n"));
  }

  @Test
  void rejectsAScriptThatEndsInsideAStatement() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> SqlScript.split("SELECT 1;\nSELECT 2\n-- forgot the semicolon\n"));

    assertTrue(error.getMessage().contains("SELECT 2"), error.getMessage());
  }

  @Test
  void rejectsAMissingResource() {
    assertThrows(IllegalStateException.class, () -> SqlScript.load("/demo/no-such-file.sql"));
  }
}
