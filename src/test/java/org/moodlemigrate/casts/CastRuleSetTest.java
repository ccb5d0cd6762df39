package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.moodlemigrate.testing.Columns;

/**
 * Which built-in rule carries which column pair. Every rule in {@code mysql-to-postgresql.yaml}
 * must be chosen by at least one case here ({@link #everyBuiltInRuleIsExercised}); a new rule
 * without a case fails the build.
 */
class CastRuleSetTest {
  private static final CastRuleSet RULES = CastRuleSet.defaults();
  private static final Set<String> CHOSEN = new HashSet<>();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tinyint(1)            | smallint          | integer-to-integer",
        "tinyint(2)            | smallint          | integer-to-integer",
        "smallint(4)           | smallint          | integer-to-integer",
        "mediumint(6)          | integer           | integer-to-integer",
        "int(10)               | integer           | integer-to-integer",
        "int unsigned          | bigint            | integer-to-integer",
        "bigint(10)            | bigint            | integer-to-integer",
        "bigint(20) unsigned   | numeric(20,0)     | integer-to-integer",
        "bigint(10)            | double precision  | integer-to-float",
        "int(10)               | real              | integer-to-float",
        "tinyint(1)            | boolean           | integer-to-boolean",
        "bigint(10)            | varchar(20)       | integer-to-text",
        "year(4)               | text              | integer-to-text",
        "year(4)               | smallint          | year-to-integer",
        "decimal(10,5)         | numeric(10,5)     | decimal-to-numeric",
        "decimal(10,0)         | bigint            | decimal-to-numeric",
        "decimal(12,7)         | text              | decimal-to-text",
        "float(11,4)           | real              | float-to-float",
        "double                | double precision  | float-to-float",
        "double                | numeric(20,10)    | float-to-float",
        "varchar(255)          | varchar(255)      | text-to-text",
        "char(2)               | char(2)           | text-to-text",
        "longtext              | text              | text-to-text",
        "enum('a','b')         | varchar(1)        | text-to-text",
        "set('a','b')          | text              | text-to-text",
        "json                  | text              | text-to-text",
        "json                  | jsonb             | text-to-json",
        "longtext              | json              | text-to-json",
        "longblob              | bytea             | binary-to-bytea",
        "varbinary(16)         | bytea             | binary-to-bytea",
        "date                  | date              | date-to-date",
        "datetime              | timestamp         | datetime-to-timestamp",
        "timestamp             | timestamp         | datetime-to-timestamp",
        "datetime(6)           | timestamptz       | datetime-to-timestamptz",
        "time                  | time              | time-to-time",
        "time                  | interval          | time-to-time",
        "bit(8)                | bit(8)            | bit-to-bit",
        "bit(64)               | varbit            | bit-to-bit",
        "bit(1)                | boolean           | bit-to-number",
        "bit(10)               | integer           | bit-to-number",
        "geometry              | bytea             | spatial-to-bytea",
      })
  void choosesTheRule(String sourceType, String targetType, String expectedRule) {
    Optional<ColumnCast> cast =
        RULES.choose(Columns.source(sourceType), Columns.target(targetType));
    assertTrue(cast.isPresent(), "no rule for " + sourceType + " -> " + targetType);
    assertEquals(expectedRule, cast.get().ruleId());
    CHOSEN.add(cast.get().ruleId());
    assertTrue(ValueConverters.exists(cast.get().converter()));
    assertFalse(
        RULES.rules().stream()
            .filter(r -> r.id().equals(expectedRule))
            .findFirst()
            .orElseThrow()
            .description()
            .isBlank(),
        "every rule explains itself");
  }

  @ParameterizedTest(name = "{0} -> {1} has no rule")
  @CsvSource(
      delimiter = '|',
      value = {
        "varchar(255) | integer",
        "longtext     | bytea",
        "longblob     | text",
        "datetime     | date",
        "tinyint(1)   | timestamp",
        "double       | integer",
      })
  void refusesPairsThatWouldLoseOrInventData(String sourceType, String targetType) {
    assertTrue(RULES.choose(Columns.source(sourceType), Columns.target(targetType)).isEmpty());
  }

  private static final Set<String> CREATED = new HashSet<>();

  @ParameterizedTest(name = "create {0} as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tinyint(1)             | smallint                    | tinyint-as-smallint",
        "tinyint(3) unsigned    | smallint                    | tinyint-as-smallint",
        "smallint(4)            | smallint                    | smallint-as-smallint",
        "smallint(5) unsigned   | integer                     | smallint-unsigned-as-integer",
        "mediumint(6)           | integer                     | mediumint-as-integer",
        "mediumint(8) unsigned  | integer                     | mediumint-as-integer",
        "int(10)                | integer                     | int-as-integer",
        "int(10) unsigned       | bigint                      | int-unsigned-as-bigint",
        "bigint(10)             | bigint                      | bigint-as-bigint",
        "bigint(20) unsigned    | numeric(20)                 | bigint-unsigned-as-numeric",
        "decimal(10,5)          | numeric(10,5)               | decimal-as-numeric",
        "float(11,4)            | real                        | float-as-real",
        "double                 | double precision            | double-as-double-precision",
        "char(36)               | varchar(36)                 | char-as-varchar",
        "varchar(1333)          | varchar(1333)               | char-as-varchar",
        "longtext               | text                        | text-as-text",
        "tinytext               | text                        | text-as-text",
        "longblob               | bytea                       | binary-as-bytea",
        "varbinary(16)          | bytea                       | binary-as-bytea",
        "json                   | jsonb                       | json-as-jsonb",
        "date                   | date                        | date-as-date",
        "datetime               | timestamp(0)                | datetime-as-timestamp",
        "datetime(6)            | timestamp(6)                | datetime-as-timestamp",
        "timestamp(3)           | timestamp(3) with time zone | timestamp-as-timestamptz",
        "time                   | interval                    | time-as-interval",
        "year(4)                | smallint                    | year-as-smallint",
        "enum('a','bbb')        | varchar(3)                  | enum-as-varchar",
        "set('read','write')    | varchar(10)                 | set-as-varchar",
        "bit(8)                 | bit(8)                      | bit-as-bit",
        "geometry               | bytea                       | spatial-as-bytea",
      })
  void choosesTheCreatedTypeAndAValueRuleCarriesIt(
      String sourceType, String expected, String rule) {
    var source = Columns.source(sourceType);
    CastRuleSet.CreatedType created = RULES.createType(source).orElseThrow();
    assertEquals(rule, created.ruleId());
    assertEquals(expected, created.type().sql());
    CREATED.add(rule);
    var column =
        new org.moodlemigrate.catalog.TargetColumn(
            "c",
            1,
            created.type().formatted(),
            created.type().base(),
            created.type().typmod(),
            false,
            null,
            "",
            false,
            null);
    assertTrue(
        RULES.choose(source, column).isPresent(),
        "a value rule carries " + sourceType + " into " + expected);
  }

  @AfterAll
  static void everyBuiltInCreateRuleIsExercised() {
    Set<String> all = RULES.createRules().stream().map(CreateRule::id).collect(Collectors.toSet());
    all.removeAll(CREATED);
    assertTrue(all.isEmpty(), "create rules without a case in CastRuleSetTest: " + all);
  }

  @Test
  void badCreateRulesAreRefused() throws Exception {
    Path file = dir.resolve("create.yaml");
    Files.writeString(
        file, "create:\n  - {id: x, source: {types: [int]}, type: 'integer; DROP TABLE y'}\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CastRuleSet.withUserRules(file));
    assertTrue(e.getMessage().contains("create rule 'x'"), e.getMessage());
  }

  @Test
  void userCreateRulesComeFirst() throws Exception {
    Path file = dir.resolve("create.yaml");
    Files.writeString(
        file, "create:\n  - {id: flags-as-integer, source: {types: [tinyint]}, type: integer}\n");
    assertEquals(
        "integer",
        CastRuleSet.withUserRules(file)
            .createType(Columns.source("tinyint(1)"))
            .orElseThrow()
            .type()
            .sql());
  }

  @AfterAll
  static void everyBuiltInRuleIsExercised() {
    Set<String> all = RULES.rules().stream().map(CastRule::id).collect(Collectors.toSet());
    all.removeAll(CHOSEN);
    assertTrue(all.isEmpty(), "rules without a case in CastRuleSetTest: " + all);
  }

  @Test
  void userRulesComeFirst() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        """
        rules:
          - id: my-flags-as-boolean
            description: This site's flags really are booleans.
            source: { types: [tinyint], maxLength: 1 }
            target: { types: [smallint] }
            converter: boolean
        """);
    CastRuleSet rules = CastRuleSet.withUserRules(file);
    assertEquals(
        "my-flags-as-boolean",
        rules
            .choose(Columns.source("tinyint(1)"), Columns.target("smallint"))
            .orElseThrow()
            .ruleId());
    assertEquals(
        "integer-to-integer",
        rules
            .choose(Columns.source("tinyint(2)"), Columns.target("smallint"))
            .orElseThrow()
            .ruleId());
  }

  @Test
  void sourcePredicatesNarrowARule() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        """
        rules:
          - id: latin1-only
            source: { types: [varchar], charsets: [latin1], unsigned: false, minLength: 10 }
            target: { types: [text] }
            converter: text
        """);
    CastRuleSet rules = CastRuleSet.withUserRules(file);
    assertEquals(
        "latin1-only",
        rules
            .choose(Columns.source("c", "varchar(20)", "latin1"), Columns.target("text"))
            .orElseThrow()
            .ruleId());
    assertEquals(
        "text-to-text",
        rules
            .choose(Columns.source("c", "varchar(20)", "utf8mb4"), Columns.target("text"))
            .orElseThrow()
            .ruleId());
    assertEquals(
        "text-to-text",
        rules
            .choose(Columns.source("c", "varchar(5)", "latin1"), Columns.target("text"))
            .orElseThrow()
            .ruleId());
  }

  @Test
  void badRuleFilesAreRefusedWithTheirName() throws Exception {
    Path unknownConverter = dir.resolve("a.yaml");
    Files.writeString(
        unknownConverter,
        "rules:\n"
            + "  - {id: x, source: {types: [int]}, target: {types: [integer]}, converter:"
            + " magic}\n");
    IllegalArgumentException e1 =
        assertThrows(
            IllegalArgumentException.class, () -> CastRuleSet.withUserRules(unknownConverter));
    assertTrue(e1.getMessage().contains("magic"), e1.getMessage());

    Path typo = dir.resolve("b.yaml");
    Files.writeString(
        typo,
        "rules:\n"
            + "  - {id: x, sauce: {types: [int]}, target: {types: [integer]}, converter:"
            + " integer}\n");
    IllegalArgumentException e2 =
        assertThrows(IllegalArgumentException.class, () -> CastRuleSet.withUserRules(typo));
    assertTrue(e2.getMessage().contains("b.yaml"), e2.getMessage());

    Path duplicate = dir.resolve("c.yaml");
    Files.writeString(
        duplicate,
        "rules:\n"
            + "  - {id: integer-to-integer, source: {types: [int]}, target: {types: [integer]},"
            + " converter: integer}\n");
    IllegalArgumentException e3 =
        assertThrows(IllegalArgumentException.class, () -> CastRuleSet.withUserRules(duplicate));
    assertTrue(e3.getMessage().contains("integer-to-integer"), e3.getMessage());

    assertThrows(
        IllegalArgumentException.class,
        () -> CastRuleSet.withUserRules(dir.resolve("missing.yaml")));
  }
}
