package org.moodlemigrate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestServerModeTest {

  @Test
  void defaultsToAuto() {
    assertEquals(TestServerMode.AUTO, TestServerMode.from(null, null));
    assertEquals(TestServerMode.AUTO, TestServerMode.from(" ", ""));
  }

  @Test
  void anExplicitPropertyWins() {
    assertEquals(TestServerMode.EMBEDDED, TestServerMode.from("embedded", "local"));
    assertEquals(TestServerMode.LOCAL, TestServerMode.from(" LOCAL ", null));
  }

  @Test
  void thePomsDefaultAutoGivesWayToTheEnvironment() {
    assertEquals(TestServerMode.EMBEDDED, TestServerMode.from("auto", "embedded"));
  }

  @Test
  void unknownValuesNameTheirSource() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TestServerMode.from(null, "docker"));
    assertTrue(
        e.getMessage().contains("MM_TEST_SERVERS") && e.getMessage().contains("docker"),
        e.getMessage());
  }
}
