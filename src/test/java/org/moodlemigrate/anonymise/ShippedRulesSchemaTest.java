package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.RequiresFixtures;

/**
 * The shipped rules against the schema Moodle 4.5's installer makes on PostgreSQL (the fixture
 * {@code moodle45_pg_schema.sql.gz}): every table they name exists, every column they name that is
 * not {@code if-present} exists in that table, and what the rules write fits the column (lengths of
 * pseudonyms and fixed texts, NULL only where NULL is allowed). Skipped where the fixtures are
 * missing.
 */
@RequiresFixtures
class ShippedRulesSchemaTest {
  private static final Pattern CREATE = Pattern.compile("CREATE TABLE public\\.mdl_(\\w+) \\(");
  private static final Pattern COLUMN = Pattern.compile("^\\s+\"?(\\w+)\"? (.+?),?$");
  private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");

  /** A column of the fixture schema: its length limit (0: none) and whether it allows NULL. */
  record Column(int maxLength, boolean nullable) {}

  private static Map<String, Map<String, Column>> schema;

  @BeforeAll
  static void readSchema() throws IOException {
    schema = parse(Fixtures.pgSchema());
  }

  static Map<String, Map<String, Column>> parse(Path dump) throws IOException {
    Map<String, Map<String, Column>> tables = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dump)), StandardCharsets.UTF_8))) {
      Map<String, Column> current = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Matcher create = CREATE.matcher(line);
        if (create.matches()) {
          current = new LinkedHashMap<>();
          tables.put(create.group(1), current);
        } else if (current != null && line.startsWith(")")) {
          current = null;
        } else if (current != null) {
          Matcher column = COLUMN.matcher(line);
          if (column.matches()) {
            String type = column.group(2);
            Matcher varchar = VARCHAR.matcher(type);
            current.put(
                column.group(1),
                new Column(
                    varchar.lookingAt() ? Integer.parseInt(varchar.group(1)) : 0,
                    !type.contains("NOT NULL")));
          }
        }
      }
    }
    return tables;
  }

  @Test
  void theSchemaWasRead() {
    // the fixture's README: 494 tables
    assertEquals(494, schema.size());
    assertEquals(new Column(100, false), schema.get("user").get("username"));
    assertEquals(new Column(0, true), schema.get("user").get("description"));
  }

  @Test
  void everyTableAndColumnTheRulesNameIsInMoodle45() {
    List<String> problems = new ArrayList<>();
    for (TableRules rules : AnonymisationRules.shipped().tables()) {
      if (Globs.isPattern(rules.pattern())) {
        assertTrue(
            schema.keySet().stream().anyMatch(t -> Globs.of(rules.pattern()).matches(t)),
            "pattern " + rules.pattern() + " matches no table of Moodle 4.5");
        continue;
      }
      Map<String, Column> columns = schema.get(rules.pattern());
      if (columns == null) {
        problems.add("table " + rules.pattern() + " is not in Moodle 4.5");
        continue;
      }
      problems.addAll(rules.missingColumns("mdl_" + rules.pattern(), columns.keySet()));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void whatTheRulesWriteFitsTheColumns() {
    List<String> problems = new ArrayList<>();
    for (TableRules rules : AnonymisationRules.shipped().tables()) {
      Map<String, Column> columns = schema.getOrDefault(rules.pattern(), Map.of());
      for (ColumnRule rule : rules.columns()) {
        Column column = columns.get(rule.column());
        if (column == null) {
          continue; // an if-present column; the other test covers the rest
        }
        String where = rules.pattern() + "." + rule.column();
        int longest =
            switch (rule.kind()) {
              case "pseudonym" -> rule.format().length() - 2 + 16;
              case "fixed" -> rule.fixedValue().length();
              case "password" -> 60; // $2y$10$ + 53
              case "ip" -> 39; // one IPv6 address
              default -> 0;
            };
        if (column.maxLength() > 0 && longest > column.maxLength()) {
          problems.add(where + " holds " + column.maxLength() + ", the rule writes " + longest);
        }
        if (rule.kind().equals("null") && !column.nullable()) {
          problems.add(where + " is NOT NULL, the rule writes NULL");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyUserColumnThatHoldsTextAboutThePersonHasARule() {
    // the user table's columns that are deliberately copied as they are: settings and counters
    List<String> copied =
        List.of(
            "id",
            "auth",
            "confirmed",
            "policyagreed",
            "deleted",
            "suspended",
            "mnethostid",
            "emailstop",
            "country",
            "lang",
            "calendartype",
            "theme",
            "timezone",
            "firstaccess",
            "lastaccess",
            "lastlogin",
            "currentlogin",
            "picture",
            "descriptionformat",
            "mailformat",
            "maildigest",
            "maildisplay",
            "autosubscribe",
            "trackforums",
            "timecreated",
            "timemodified",
            "trustbitmask");
    TableRules user =
        AnonymisationRules.shipped()
            .forTable("mdl_", "mdl_user", RuleFiles.ALL_GROUPS)
            .orElseThrow();
    for (String column : schema.get("user").keySet()) {
      assertTrue(
          copied.contains(column) != user.covers(column),
          column + (copied.contains(column) ? " is copied and has a rule" : " has no rule"));
    }
    assertFalse(user.covers("country"));
  }
}
