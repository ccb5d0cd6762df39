package org.moodlemigrate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks the demo's SQL resources without a database; {@code DemoSiteIT} runs them. */
class DemoSiteTest {

  @Test
  void sourceScriptCreatesExactlyTheDemoTables() {
    assertEquals(
        DemoSite.tableNames(),
        createdTables(SqlScript.load("/demo/source-mysql.sql"), "CREATE TABLE `(\\w+)`"));
  }

  @Test
  void targetScriptCreatesExactlyTheDemoTablesInSchemaPublic() {
    assertEquals(
        DemoSite.tableNames(),
        createdTables(
            SqlScript.load("/demo/target-postgresql.sql"), "CREATE TABLE public\\.(\\w+) "));
  }

  @Test
  void targetScriptHasNoPsqlMetaCommands() {
    for (String statement : SqlScript.load("/demo/target-postgresql.sql")) {
      assertFalse(statement.startsWith("\\"), statement);
    }
  }

  @Test
  void refusesAScaleBelowOne() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> DemoSite.createSource(null, 0));

    assertEquals("scale must be at least 1, was 0", error.getMessage());
  }

  private static List<String> createdTables(List<String> statements, String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<String> tables = new ArrayList<>();
    for (String statement : statements) {
      Matcher matcher = pattern.matcher(statement);
      if (statement.startsWith("CREATE TABLE") && matcher.find()) {
        tables.add(matcher.group(1));
      }
    }
    return tables;
  }
}
