package org.moodlemigrate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

  @Test
  void namesArePrefixedLabelledAndRandom() {
    String name = DatabaseNames.unique("e2e");
    assertTrue(name.matches("mmt_e2e_[0-9a-f]{16}"), name);
  }

  @Test
  void labelsAreCleanedAndShortenedToFitEveryServer() {
    String name = DatabaseNames.unique("Fixture Load: MariaDB/10.11 with a very long label indeed");
    assertTrue(name.matches("mmt_[a-z0-9_]{1,24}_[0-9a-f]{16}"), name);
    assertTrue(name.length() <= 63, name);
  }

  @Test
  void namesDoNotRepeat() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      names.add(DatabaseNames.unique("x"));
    }
    assertEquals(10_000, names.size());
  }

  @Test
  void aLabelIsRequired() {
    assertThrows(IllegalArgumentException.class, () -> DatabaseNames.unique(""));
  }
}
