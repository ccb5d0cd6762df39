package org.moodlemigrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

  @Test
  void mysqlUrlsKeepTinyintsNumericAndWorkWithoutTls() {
    assertEquals(
        "jdbc:mysql://127.0.0.1:3306/moodle?tinyInt1isBit=false&allowPublicKeyRetrieval=true"
            + "&sslMode=DISABLED&characterEncoding=UTF-8",
        JdbcUrls.mysql("127.0.0.1", 3306, "moodle"));
  }

  @Test
  void mysqlUrlsCanCarryBytesUnchanged() {
    assertEquals(
        "jdbc:mysql://h:1/?tinyInt1isBit=false&allowPublicKeyRetrieval=true"
            + "&sslMode=DISABLED&characterEncoding=ISO-8859-1",
        JdbcUrls.mysql("h", 1, "", StandardCharsets.ISO_8859_1));
  }

  @Test
  void postgresqlUrls() {
    assertEquals(
        "jdbc:postgresql://127.0.0.1:5432/moodle",
        JdbcUrls.postgresql("127.0.0.1", 5432, "moodle"));
  }

  @Test
  void databaseNamesAreEscaped() {
    assertEquals("jdbc:postgresql://h:1/a%20b%2Fc", JdbcUrls.postgresql("h", 1, "a b/c"));
  }
}
