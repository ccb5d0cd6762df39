package org.moodlemigrate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgScriptSplitterTest {

  @Test
  void skipsMetaCommandsAndCommentsAndKeepsSetConfig() throws IOException {
    String dump =
        "--\n-- PostgreSQL database dump\n--\n\n"
            + "\\restrict 4u1HxgH0Oo7oJBJJBhp4PsGjfzl1bOYW0RHDFJFhqeEfdyy6Rief4eOf3FR9phq\n\n"
            + "SET client_encoding = 'UTF8';\n"
            + "SELECT pg_catalog.set_config('search_path', '', false);\n"
            + "\\connect other\n"
            + "\\unrestrict 4u1HxgH0Oo7oJBJJBhp4PsGjfzl1bOYW0RHDFJFhqeEfdyy6Rief4eOf3FR9phq\n";
    assertEquals(
        List.of(
            "SET client_encoding = 'UTF8'",
            "SELECT pg_catalog.set_config('search_path', '', false)"),
        split(dump));
  }

  @Test
  void semicolonsInsideLiteralsAndIdentifiersDoNotSplit() throws IOException {
    String sql = "COMMENT ON TABLE public.\"odd;\"\"name\" IS 'it''s; fine'";
    assertEquals(List.of(sql, "SELECT 1"), split(sql + ";\nSELECT 1;"));
  }

  @Test
  void backslashesEscapeOnlyInEscapeStrings() throws IOException {
    assertEquals(
        List.of("SELECT 'C:\\'", "SELECT E'it\\'s;'", "SELECT e'\\\\'", "SELECT xe'a'"),
        split("SELECT 'C:\\';\nSELECT E'it\\'s;';\nSELECT e'\\\\';\nSELECT xe'a';\n"));
  }

  @Test
  void literalsSpanLines() throws IOException {
    String sql = "COMMENT ON COLUMN t.c IS 'first line;\n-- still text\n/* also text */'";
    assertEquals(List.of(sql), split(sql + ";\n"));
  }

  @Test
  void dollarQuotedBodiesMayHoldSemicolonsQuotesAndOtherTags() throws IOException {
    String function =
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$\n"
            + "BEGIN\n"
            + "  RAISE NOTICE 'x;'; -- comment ;\n"
            + "  PERFORM $$ nested; $$;\n"
            + "  RETURN 1;\n"
            + "END;\n"
            + "$fn$";
    String anonymous = "DO $$ BEGIN PERFORM 1; END $$";
    assertEquals(List.of(function, anonymous), split(function + ";\n" + anonymous + ";\n"));
  }

  @Test
  void parametersAndDollarsInsideWordsOpenNoQuote() throws IOException {
    assertEquals(
        List.of("PREPARE p AS SELECT $1, a$b$c FROM t", "SELECT 2"),
        split("PREPARE p AS SELECT $1, a$b$c FROM t;\nSELECT 2;"));
  }

  @Test
  void blockCommentsNestAndAreDropped() throws IOException {
    assertEquals(List.of("SELECT   1"), split("SELECT /* a /* b; */ still; */ 1;\n"));
  }

  @Test
  void semicolonsInsideParenthesesDoNotSplit() throws IOException {
    String rule =
        "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES"
            + " (2))";
    assertEquals(List.of(rule), split(rule + ";\n"));
  }

  @Test
  void copyDataIsHandedOutLineByLineUpToTheTerminator() throws IOException {
    PgScriptSplitter splitter =
        splitter(
            "SET x = 1;\n"
                + "COPY public.t (id, txt) FROM stdin;\n"
                + "1\ta;b\n"
                + "2\t\\\\.\n"
                + "3\t\\N\n"
                + "\\.\n"
                + "\n"
                + "SELECT pg_catalog.setval('public.t_id_seq', 3, true);\n");
    assertEquals("SET x = 1", splitter.next().sql());
    assertFalse(splitter.inCopyData());
    SqlStatement copy = splitter.next();
    assertEquals(new SqlStatement("COPY public.t (id, txt) FROM stdin", 2), copy);
    assertTrue(splitter.inCopyData());
    assertEquals(List.of("1\ta;b", "2\t\\\\.", "3\t\\N"), copyLines(splitter));
    assertFalse(splitter.inCopyData());
    assertEquals(
        new SqlStatement("SELECT pg_catalog.setval('public.t_id_seq', 3, true)", 8),
        splitter.next());
    assertNull(splitter.next());
  }

  @Test
  void unreadCopyDataIsSkipped() throws IOException {
    assertEquals(
        List.of("COPY t FROM stdin", "SELECT 1"),
        split("COPY t FROM stdin;\nx;y\n\\.\nSELECT 1;\n"));
  }

  @Test
  void windowsLineEndsEndCopyBlocksToo() throws IOException {
    PgScriptSplitter splitter = splitter("COPY t (a) FROM stdin;\r\n1\r\n\\.\r\nSELECT 1;\r\n");
    splitter.next();
    assertEquals(List.of("1\r"), copyLines(splitter));
    assertEquals("SELECT 1", splitter.next().sql());
  }

  @Test
  void emptyCopyBlocks() throws IOException {
    PgScriptSplitter splitter = splitter("COPY t (a) FROM stdin;\n\\.\n");
    splitter.next();
    assertEquals(List.of(), copyLines(splitter));
    assertNull(splitter.next());
  }

  @Test
  void copyDataWithoutTerminatorIsAnError() throws IOException {
    PgScriptSplitter splitter = splitter("COPY t FROM stdin;\n1\n2\n");
    splitter.next();
    IOException e = assertThrows(IOException.class, () -> copyLines(splitter));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void copyLinesOutsideACopyBlockAreAMistake() {
    assertThrows(IllegalStateException.class, () -> splitter("SELECT 1;").nextCopyLine());
  }

  @Test
  void anUnterminatedDollarQuoteIsReportedWithItsLine() {
    IOException e = assertThrows(IOException.class, () -> split("SELECT 1;\n\nDO $$ BEGIN\n"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void aLastStatementWithoutSemicolonIsReturned() throws IOException {
    assertEquals(List.of("SELECT 1"), split("SELECT 1\n"));
  }

  private static PgScriptSplitter splitter(String script) {
    return new PgScriptSplitter(new StringReader(script));
  }

  private static List<String> copyLines(PgScriptSplitter splitter) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = splitter.nextCopyLine(); line != null; line = splitter.nextCopyLine()) {
      lines.add(line);
    }
    return lines;
  }

  private static List<String> split(String script) throws IOException {
    PgScriptSplitter splitter = splitter(script);
    List<String> statements = new ArrayList<>();
    for (SqlStatement next = splitter.next(); next != null; next = splitter.next()) {
      statements.add(next.sql());
    }
    return statements;
  }
}
