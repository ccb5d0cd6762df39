package org.moodlemigrate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlStatementSplitterTest {

  @Test
  void skipsTheSandboxMarkerAndKeepsVersionedComments() throws IOException {
    String dump =
        "/*M!999999\\- enable the sandbox mode */ \n"
            + "-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB\n"
            + "--\n"
            + "\n"
            + "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
            + "/*!40101 SET NAMES utf8mb4 */;\n";
    assertEquals(
        List.of(
            "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
            "/*!40101 SET NAMES utf8mb4 */"),
        split(dump));
  }

  @Test
  void aDelimiterInsideStringsAndIdentifiersDoesNotEndTheStatement() throws IOException {
    String insert =
        "INSERT INTO `a;b``c` VALUES ('x;y','it\\'s;','two''quotes;','back\\\\',\"dq;\\\";\")";
    assertEquals(List.of(insert, "SELECT 2"), split(insert + ";SELECT 2;"));
  }

  @Test
  void aBackslashBeforeTheClosingQuoteEscapesIt() throws IOException {
    assertEquals(List.of("SELECT 'a\\';b'", "SELECT 3"), split("SELECT 'a\\';b';\nSELECT 3;\n"));
  }

  @Test
  void statementsSpanLinesAsDumpsWriteExtendedInserts() throws IOException {
    String dump = "INSERT INTO `t` VALUES\n(1,'a;'),\n(2,'b');\nUNLOCK TABLES;\n";
    assertEquals(
        List.of("INSERT INTO `t` VALUES\n(1,'a;'),\n(2,'b')", "UNLOCK TABLES"), split(dump));
  }

  @Test
  void newlinesAndCarriageReturnsInsideStringsSurvive() throws IOException {
    assertEquals(
        List.of("SELECT 'line1\n-- not a comment;\r\nline3'"),
        split("SELECT 'line1\n-- not a comment;\r\nline3';\n"));
  }

  @Test
  void crlfLineEndsAreHandled() throws IOException {
    assertEquals(List.of("SELECT 1", "SELECT 2"), split("SELECT 1;\r\nSELECT 2;\r\n"));
  }

  @Test
  void plainCommentsAreDroppedButSeparateTokens() throws IOException {
    String script =
        "# hash comment\nSELECT/* inline ; */1 -- trailing ;\n, 2 # more\n;\n/* whole\nline ; */\n";
    assertEquals(List.of("SELECT 1 \n, 2"), split(script));
  }

  @Test
  void dashDashWithoutWhitespaceIsNotAComment() throws IOException {
    assertEquals(List.of("SELECT 1--1"), split("SELECT 1--1;"));
  }

  @Test
  void delimiterCommandsFrameTriggerBodies() throws IOException {
    String dump =
        "DELIMITER ;;\n"
            + "/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN\n"
            + "  SET NEW.a = 1;\n"
            + "  SET NEW.b = ';;';\n"
            + "END */;;\n"
            + "DELIMITER ;\n"
            + "SELECT 1;\n";
    List<String> statements = split(dump);
    assertEquals(2, statements.size());
    assertTrue(statements.get(0).startsWith("/*!50003 CREATE*/"));
    assertTrue(statements.get(0).endsWith("SET NEW.b = ';;';\nEND */"));
    assertEquals("SELECT 1", statements.get(1));
  }

  @Test
  void aSemicolonInsideAVersionedCommentDoesNotSplit() throws IOException {
    assertEquals(
        List.of("/*!50001 CREATE VIEW v AS SELECT 1; */"),
        split("/*!50001 CREATE VIEW v AS SELECT 1; */;\n"));
  }

  @Test
  void severalStatementsOnOneLineAndEmptyStatements() throws IOException {
    assertEquals(List.of("SET a=1", "SET b=2"), split("SET a=1;; SET b=2;  ;\n"));
  }

  @Test
  void aLastStatementWithoutDelimiterIsReturned() throws IOException {
    assertEquals(List.of("SELECT 1", "SELECT 2"), split("SELECT 1;\nSELECT 2\n"));
  }

  @Test
  void statementsKnowTheLineTheyStartOn() throws IOException {
    MySqlStatementSplitter splitter =
        new MySqlStatementSplitter(
            new StringReader(
                "/*M!999999\\- enable the sandbox mode */ \n-- c\n\nSELECT\n1;\n  SELECT 2;"));
    assertEquals(new SqlStatement("SELECT\n1", 4), splitter.next());
    assertEquals(new SqlStatement("SELECT 2", 6), splitter.next());
    assertEquals(null, splitter.next());
    assertEquals(null, splitter.next());
  }

  @Test
  void anUnterminatedStringIsReportedWithItsLine() {
    IOException e =
        assertThrows(IOException.class, () -> split("SELECT 1;\nINSERT INTO t VALUES ('oops);\n"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  static List<String> split(String script) throws IOException {
    MySqlStatementSplitter splitter = new MySqlStatementSplitter(new StringReader(script));
    List<String> statements = new ArrayList<>();
    for (SqlStatement next = splitter.next(); next != null; next = splitter.next()) {
      statements.add(next.sql());
    }
    return statements;
  }
}
