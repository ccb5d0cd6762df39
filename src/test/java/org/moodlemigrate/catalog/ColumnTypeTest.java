package org.moodlemigrate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnTypeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "tinyint(1)                     | tinyint   | 1  | -  | false | false",
        "tinyint(2)                     | tinyint   | 2  | -  | false | false",
        "bigint(10)                     | bigint    | 10 | -  | false | false",
        "bigint(20) unsigned            | bigint    | 20 | -  | true  | false",
        "int(10) unsigned zerofill      | int       | 10 | -  | true  | true",
        "int unsigned                   | int       | -  | -  | true  | false",
        "INT UNSIGNED                   | int       | -  | -  | true  | false",
        "mediumint(6)                   | mediumint | 6  | -  | false | false",
        "smallint(4)                    | smallint  | 4  | -  | false | false",
        "decimal(10,5)                  | decimal   | 10 | 5  | false | false",
        "decimal(10,2) unsigned         | decimal   | 10 | 2  | true  | false",
        "float(11,4)                    | float     | 11 | 4  | false | false",
        "double                         | double    | -  | -  | false | false",
        "double unsigned                | double    | -  | -  | true  | false",
        "double precision               | double precision | - | - | false | false",
        "varchar(255)                   | varchar   | 255| -  | false | false",
        "char(36)                       | char      | 36 | -  | false | false",
        "longtext                       | longtext  | -  | -  | false | false",
        "datetime(6)                    | datetime  | 6  | -  | false | false",
        "time                           | time      | -  | -  | false | false",
        "bit(7)                         | bit       | 7  | -  | false | false",
        "binary(16)                     | binary    | 16 | -  | false | false",
        "year(4)                        | year      | 4  | -  | false | false",
        "json                           | json      | -  | -  | false | false",
      })
  void parsesColumnTypes(
      String text, String name, Integer length, Integer scale, boolean unsigned, boolean zerofill) {
    ColumnType t = ColumnType.parse(text);
    assertEquals(name, t.name());
    assertEquals(length, t.length());
    assertEquals(scale, t.scale());
    assertEquals(unsigned, t.unsigned());
    assertEquals(zerofill, t.zerofill());
    assertTrue(t.values().isEmpty());
  }

  @Test
  void readsEnumMembersWithQuotesCommasAndParentheses() {
    ColumnType t = ColumnType.parse("enum('a','it''s','x,y','(p)','back\\\\slash')");
    assertEquals("enum", t.name());
    assertEquals(List.of("a", "it's", "x,y", "(p)", "back\\slash"), t.values());
    assertNull(t.length());
  }

  @Test
  void readsSetMembers() {
    assertEquals(List.of("read", "write"), ColumnType.parse("set('read','write')").values());
  }

  @Test
  void knowsIntegerRanges() {
    assertEquals(BigInteger.valueOf(-128), ColumnType.parse("tinyint(1)").integerMin());
    assertEquals(BigInteger.valueOf(127), ColumnType.parse("tinyint(1)").integerMax());
    assertEquals(BigInteger.valueOf(255), ColumnType.parse("tinyint(3) unsigned").integerMax());
    assertEquals(BigInteger.valueOf(8388607), ColumnType.parse("mediumint(6)").integerMax());
    assertEquals(BigInteger.valueOf(4294967295L), ColumnType.parse("int unsigned").integerMax());
    assertEquals(
        new BigInteger("18446744073709551615"),
        ColumnType.parse("bigint(20) unsigned").integerMax());
    assertEquals(BigInteger.valueOf(Long.MIN_VALUE), ColumnType.parse("bigint(10)").integerMin());
    assertTrue(ColumnType.parse("bigint(10)").isInteger());
    assertFalse(ColumnType.parse("decimal(10,0)").isInteger());
    assertFalse(ColumnType.parse("year").isInteger());
  }

  @Test
  void displaysLikeMysql() {
    assertEquals("bigint(20) unsigned", ColumnType.parse("bigint(20) unsigned").display());
    assertEquals("decimal(10,5)", ColumnType.parse("decimal(10,5)").display());
    assertEquals("enum('a','it''s')", ColumnType.parse("enum('a','it''s')").display());
  }

  @Test
  void rejectsGarbage() {
    assertThrows(IllegalArgumentException.class, () -> ColumnType.parse(""));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("varchar(abc)"));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("enum('a'"));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("decimal(10,2"));
  }
}
