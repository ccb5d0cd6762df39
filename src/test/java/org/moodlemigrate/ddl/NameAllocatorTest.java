package org.moodlemigrate.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameAllocatorTest {
  @Test
  void keepsFreeShortNames() {
    NameAllocator names = new NameAllocator(Set.of("mdl_user"));
    assertEquals("mdl_logsstanlog_tim_ix", names.allocate("mdl_logsstanlog_tim_ix"));
    assertTrue(names.isTaken("mdl_logsstanlog_tim_ix"));
  }

  @Test
  void makesTakenNamesUniqueAndStable() {
    NameAllocator a = new NameAllocator(Set.of("userid"));
    String first = a.allocate("userid");
    assertNotEquals("userid", first);
    assertTrue(first.startsWith("userid_"));
    String second = a.allocate("userid");
    assertNotEquals(first, second);
    assertEquals(
        first,
        new NameAllocator(Set.of("userid")).allocate("userid"),
        "the same input gives the same name");
  }

  @Test
  void cutsLongNamesToSixtyThreeBytesOnCharacterBoundaries() {
    String long80 = "mdl_" + "é".repeat(40);
    NameAllocator names = new NameAllocator(new HashSet<>());
    String name = names.allocate(long80);
    assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 63, name);
    assertTrue(name.startsWith("mdl_éé"));
    assertFalse(name.contains("\uFFFD"));
    assertFalse(names.reserve(long80), "too long to reserve as it is");
    String twin = names.allocate(long80);
    assertNotEquals(name, twin);
  }
}
