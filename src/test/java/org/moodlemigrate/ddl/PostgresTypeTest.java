package org.moodlemigrate.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.moodlemigrate.catalog.PostgresType;

class PostgresTypeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "smallint                     | smallint         | -1     | smallint",
        "numeric(20)                  | numeric          | 1310724 | numeric(20)",
        "numeric(10,5)                | numeric          | 655369 | numeric(10,5)",
        "varchar(255)                 | varchar          | 259    | character varying(255)",
        "double precision             | double precision | -1     | double precision",
        "timestamp(6)                 | timestamp        | 6      | timestamp(6) without time zone",
        "timestamp(0) with time zone  | timestamptz      | 0      | timestamp(0) with time zone",
        "interval                     | interval         | -1     | interval",
        "bit(8)                       | bit              | 8      | bit(8)",
        "jsonb                        | jsonb            | -1     | jsonb",
      })
  void readsTypeNames(String text, String base, int typmod, String formatted) {
    PostgresType t = PostgresType.parse(text);
    assertEquals(base, t.base());
    assertEquals(typmod, t.typmod());
    assertEquals(formatted, t.formatted());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "varchar(10); DROP TABLE x",
        "integer(5)",
        "made_up",
        "numeric(10,5,1)",
        "text)",
        "bit(8,2)"
      })
  void refusesAnythingElse(String text) {
    assertThrows(IllegalArgumentException.class, () -> PostgresType.parse(text));
  }
}
