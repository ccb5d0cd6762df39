package org.moodlemigrate.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.moodlemigrate.catalog.ColumnType;
import org.moodlemigrate.catalog.PostgresType;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceDefault;

class DefaultTranslatorTest {
  private static SourceColumn column(String columnType, SourceDefault d) {
    ColumnType t = ColumnType.parse(columnType);
    return new SourceColumn("c", 1, t.name(), t, true, d, false, null, false, null, null, "");
  }

  private static DefaultTranslator.Translation translate(
      String sourceType, String targetType, SourceDefault d) {
    return DefaultTranslator.translate("t", column(sourceType, d), PostgresType.parse(targetType));
  }

  @ParameterizedTest(name = "{0} DEFAULT {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "bigint(10)     | bigint           | 0            | 0",
        "bigint(10)     | bigint           | -1           | -1",
        "tinyint(1)     | smallint         | 2            | 2",
        "decimal(10,5)  | numeric(10,5)    | 100.00000    | 100",
        "decimal(12,7)  | numeric(12,7)    | 0.1000000    | 0.1",
        "decimal(12,7)  | numeric(12,7)    | 0.0000000    | 0",
        "decimal(10,2)  | numeric(10,2)    | -12.50       | -12.5",
        "float(11,4)    | real             | 0.0000       | 0.0000",
        "double         | double precision | 0            | 0",
        "varchar(255)   | varchar(255)     | (empty)      | ''",
        "varchar(20)    | varchar(20)      | it's         | 'it''s'",
        "bit(4)         | bit(4)           | b'101'       | B'0101'",
        "datetime       | timestamp(0)     | 2024-01-01 00:00:00 | '2024-01-01 00:00:00'",
      })
  void carriesLiteralsMoodleStyle(
      String sourceType, String targetType, String value, String expected) {
    String v = value.equals("(empty)") ? "" : value;
    DefaultTranslator.Translation t = translate(sourceType, targetType, SourceDefault.literal(v));
    assertEquals(expected, t.sql());
    assertNull(t.warning());
  }

  @Test
  void noDefaultAndDefaultNullBecomeNoDefault() {
    assertNull(translate("varchar(10)", "varchar(10)", SourceDefault.NULL_DEFAULT).sql());
    assertNull(translate("bigint(10)", "bigint", SourceDefault.NONE_DEFAULT).sql());
    assertNull(translate("bigint(10)", "bigint", SourceDefault.NULL_DEFAULT).warning());
  }

  @Test
  void currentTimestampBecomesItsPostgresEquivalent() {
    assertEquals(
        "CURRENT_TIMESTAMP",
        translate(
                "timestamp",
                "timestamp(0) with time zone",
                SourceDefault.expression("current_timestamp()"))
            .sql());
    assertEquals(
        "LOCALTIMESTAMP",
        translate("datetime(6)", "timestamp(6)", SourceDefault.expression("CURRENT_TIMESTAMP(6)"))
            .sql());
    assertEquals(
        "CURRENT_DATE", translate("date", "date", SourceDefault.expression("curdate()")).sql());
  }

  @Test
  void whatCannotBeCarriedIsLeftOutWithAWarningNamingTheColumn() {
    DefaultTranslator.Translation zero =
        translate("datetime", "timestamp(0)", SourceDefault.literal("0000-00-00 00:00:00"));
    assertNull(zero.sql());
    assertNotNull(zero.warning());
    assertEquals(true, zero.warning().contains("t.c"));
    DefaultTranslator.Translation expr =
        translate("varchar(36)", "varchar(36)", SourceDefault.expression("uuid()"));
    assertNull(expr.sql());
    assertEquals(true, expr.warning().contains("uuid()"));
    assertNull(translate("int(10)", "integer", SourceDefault.literal("abc")).sql());
  }
}
