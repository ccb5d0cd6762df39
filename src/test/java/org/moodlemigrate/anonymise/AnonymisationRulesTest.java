package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moodlemigrate.anonymise.RuleFiles.ALL_GROUPS;
import static org.moodlemigrate.anonymise.RuleFiles.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnonymisationRulesTest {
  private static final String HEAD = "version: 1\ntables:\n";

  @TempDir Path dir;

  private static final String FILE =
      """
      version: 1
      kept-accounts: [Admin, guest, admin]
      tables:
        - table: user
          group: personal
          columns:
            email: {rule: pseudonym, domain: email, format: "u{}@example.invalid"}
            icq: {rule: empty, if-present: true}
            password: {rule: password}
        - table: report_builder_cache_*
          group: personal
          rows: none
        - table: forum_posts
          group: content
          columns:
            message: {rule: empty}
        - table: forum_*
          group: messages
          columns:
            message: {rule: null}
      """;

  @Test
  void readsKeptAccountsGroupsAndTables() {
    AnonymisationRules rules = parse(FILE);
    assertEquals(List.of("admin", "guest"), rules.keptAccounts());
    assertEquals(Set.of("personal", "content", "messages"), rules.groups());
    assertEquals(Set.of("personal", "messages"), rules.defaultGroups());
    TableRules user = rules.forTable("mdl_", "mdl_user", ALL_GROUPS).orElseThrow();
    assertEquals("user", user.pattern());
    assertEquals("personal", user.group());
    assertFalse(user.emptied());
    assertEquals(
        List.of("email", "icq", "password"),
        user.columns().stream().map(ColumnRule::column).toList());
    assertTrue(user.columns().get(1).ifPresent());
  }

  @Test
  void forTableMatchesTheNameWithoutPrefixByGlobInEnabledGroupsFirstEntryFirst() {
    AnonymisationRules rules = parse(FILE);
    TableRules cache =
        rules.forTable("mdl_", "mdl_report_builder_cache_42", ALL_GROUPS).orElseThrow();
    assertTrue(cache.emptied());
    assertEquals(List.of(), cache.columns());
    assertTrue(rules.forTable("mdl_", "mdl_usera", ALL_GROUPS).isEmpty());
    assertTrue(
        rules.forTable("mdl_", "MDL_user", ALL_GROUPS).isEmpty(), "the prefix must be there");
    assertTrue(rules.forTable("mdl_", "user", ALL_GROUPS).isEmpty());
    assertTrue(rules.forTable("m_", "m_user", ALL_GROUPS).isPresent());
    assertTrue(rules.forTable("mdl_", "mdl_User", ALL_GROUPS).isPresent(), "names ignore case");
    assertEquals(
        "content", rules.forTable("mdl_", "mdl_forum_posts", ALL_GROUPS).orElseThrow().group());
    // the content entry is off: the later glob of an enabled group applies
    assertEquals(
        "forum_*",
        rules
            .forTable("mdl_", "mdl_forum_posts", Set.of("personal", "messages"))
            .orElseThrow()
            .pattern());
    assertTrue(rules.forTable("mdl_", "mdl_forum_posts", Set.of("personal")).isEmpty());
    assertTrue(rules.forTable("mdl_", "mdl_user", Set.of()).isEmpty());
  }

  @Test
  void missingColumnsNamesWhatTheSourceLacksButNotIfPresentOnes() {
    TableRules user = parse(FILE).forTable("mdl_", "mdl_user", ALL_GROUPS).orElseThrow();
    assertEquals(
        List.of(), user.missingColumns("mdl_user", List.of("id", "EMAIL", "password", "username")));
    assertEquals(
        List.of(
            "column email named by rule for table mdl_user (pattern user) is not in the source"
                + " table",
            "column username read by the password rule for column password of table mdl_user"
                + " (pattern user) is not in the source table"),
        user.missingColumns("mdl_user", List.of("id", "password")));
  }

  @Test
  void namedAndLoad() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, FILE);
    assertEquals(parse(FILE).groups(), AnonymisationRules.load(file).groups());
    assertEquals(file.toString(), AnonymisationRules.named(file.toString()).origin());
    assertEquals(AnonymisationRules.SHIPPED_RESOURCE, AnonymisationRules.named("moodle").origin());
    AnonymisationRulesException e =
        assertThrows(
            AnonymisationRulesException.class,
            () -> AnonymisationRules.load(dir.resolve("nope.yaml")));
    assertEquals(dir.resolve("nope.yaml") + ": no such file", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown top key         | versoin: 1                                                 | 1 |"
            + " unknown key 'versoin'",
        "wrong version           | version: 2\\n"
            + "tables: []                                    | 1 | 'version' must be 1",
        "no tables               | version: 1                                                 | 1 |"
            + " no 'tables' list",
        "unknown rule            | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email: {rule: pseudonymise}                | 6 | unknown rule; rules: [keep,"
            + " null, empty, fixed, pseudonym, password, ip, date-shift, shuffle]",
        "unknown group           | §  - table: user\\n"
            + "    group: private\\n"
            + "    columns:\\n"
            + "      email: {rule: empty}                         | 4 | unknown group; groups:"
            + " personal",
        "no {} in the format     | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email: {rule: pseudonym, format: x}           | 6 | 'format' must hold {}"
            + " exactly once",
        "two {} in the format    | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email:\\n"
            + "        rule: pseudonym\\n"
            + "        format: '{}{}' | 8 | 'format' must hold {} exactly once",
        "option of another kind  | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email: {rule: empty, format: 'x{}'}           | 6 | 'format' belongs to rule"
            + " pseudonym, not to empty",
        "unknown rule key        | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email: {rule: empty, if_present: true}        | 6 | unknown key 'if_present'",
        "key written twice       | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email: {rule: empty}\\n"
            + "      email: {rule: null} | 7 | key 'email' is already given on line 6",
        "same column two cases   | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email: {rule: empty}\\n"
            + "      Email: {rule: null} | 7 | column email is given twice",
        "rows none with columns  | §  - table: sessions\\n"
            + "    group: personal\\n"
            + "    rows: none\\n"
            + "    columns:\\n"
            + "      sid: {rule: empty}        | 7 | takes no columns",
        "rows neither            | §  - table: sessions\\n"
            + "    group: personal\\n"
            + "    rows: some                                           | 5 | 'rows' must be none",
        "no columns no rows      | §  - table: sessions\\n"
            + "    group: personal                                                         | 3 |"
            + " has neither 'columns' nor 'rows: none'",
        "fixed without value     | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      email: {rule: fixed}                          | 6 | rule fixed needs a"
            + " 'value'",
        "bad date shift          | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      t: {rule: date-shift, by: 3 months}           | 6 | 'by' must be a whole"
            + " number",
        "shuffle with condition  | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      city: {rule: shuffle, unless-kept: true}      | 6 | shuffle takes no"
            + " conditions",
        "flag not a boolean      | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns:\\n"
            + "      icq: {rule: empty, if-present: sometimes}     | 6 | 'if-present' must be true"
            + " or false",
        "when without matches    | §  - table: config\\n"
            + "    group: secrets\\n"
            + "    columns:\\n"
            + "      value: {rule: empty, when: {column: name}}  | 6 | has no 'matches'",
        "same table and group    | §  - table: log\\n"
            + "    group: personal\\n"
            + "    rows: none\\n"
            + "  - table: LOG\\n"
            + "    group: personal\\n"
            + "    rows: none | 6 | is already given on line 3",
        "columns not a mapping   | §  - table: user\\n"
            + "    group: personal\\n"
            + "    columns: [email]                                     | 5 | 'columns' must be a"
            + " mapping",
        "not YAML                | version: 1\\n"
            + "tables: [\\n"
            + "  - table: {                         | 3 | not valid YAML",
      })
  void errorsNameTheFileTheLineAndTheReason(String what, String yaml, int line, String reason) {
    String text = yaml.replace("\\n", "\n").replace("§", HEAD);
    AnonymisationRulesException e =
        assertThrows(AnonymisationRulesException.class, () -> parse(text));
    assertEquals("test.yaml", e.file(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("test.yaml line " + line + ": "), e.getMessage());
    assertTrue(e.reason().contains(reason), e.getMessage());
  }

  @Test
  void messagesNeverQuoteAValue() {
    String secret = "Sup3rS3cret-value";
    List<String> files =
        List.of(
            HEAD
                + "  - table: config\n"
                + "    group: secrets\n"
                + "    columns:\n"
                + "      value: {rule: fixed, value: "
                + secret
                + ", by: 1d}\n",
            HEAD
                + "  - table: config\n"
                + "    group: secrets\n"
                + "    columns:\n"
                + "      value: {rule: fixed, value: ["
                + secret
                + "]}\n",
            HEAD
                + "  - table: config\n"
                + "    group: secrets\n"
                + "    columns:\n"
                + "      value: {rule: fixed, value: '"
                + secret
                + "\n",
            HEAD
                + "  - table: config\n    group: "
                + secret
                + "x\n    columns:\n      value: {rule: empty}\n"
                    .replace("group: " + secret + "x", "group: x"),
            HEAD
                + "  - table: config\n"
                + "    group: secrets\n"
                + "    columns:\n"
                + "      value: {rule: date-shift, by: "
                + secret
                + "}\n");
    for (String file : files) {
      AnonymisationRulesException e =
          assertThrows(AnonymisationRulesException.class, () -> parse(file));
      assertFalse(e.getMessage().contains(secret), e.getMessage());
      assertTrue(e.line() > 0, e.getMessage());
    }
  }
}
