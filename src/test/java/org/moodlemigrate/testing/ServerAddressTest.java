package org.moodlemigrate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

  private static final ServerAddress FALLBACK = new ServerAddress("127.0.0.1", 3306);

  @Test
  void parsesHostAndPort() {
    assertEquals(
        new ServerAddress("db.example", 3307),
        ServerAddress.parse("db.example:3307", "MM_TEST_MYSQL", FALLBACK));
  }

  @Test
  void unsetMeansTheDefault() {
    assertEquals(FALLBACK, ServerAddress.parse(null, "MM_TEST_MYSQL", FALLBACK));
    assertEquals(FALLBACK, ServerAddress.parse("", "MM_TEST_MYSQL", FALLBACK));
  }

  @Test
  void malformedValuesNameTheVariable() {
    for (String value : new String[] {"localhost", ":5432", "host:port"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ServerAddress.parse(value, "MM_TEST_PG", FALLBACK));
      assertTrue(e.getMessage().contains("MM_TEST_PG"), e.getMessage());
    }
  }
}
