package org.moodlemigrate.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableSelectorTest {
  @Test
  void takesEverythingByDefault() {
    assertTrue(TableSelector.all().selects("mdl_user"));
    assertTrue(TableSelector.of(List.of(), List.of()).selects("anything"));
  }

  @Test
  void patternsMatchTheWholeName() {
    TableSelector s = TableSelector.of(List.of("mdl_user"), List.of());
    assertTrue(s.selects("mdl_user"));
    assertFalse(s.selects("mdl_user_preferences"));
    assertTrue(TableSelector.of(List.of("mdl_user.*"), List.of()).selects("mdl_user_preferences"));
  }

  @Test
  void excludeWinsAndSaysWhy() {
    TableSelector s = TableSelector.of(List.of("mdl_.*"), List.of("mdl_logstore_.*"));
    assertTrue(s.selects("mdl_course"));
    assertFalse(s.selects("mdl_logstore_standard_log"));
    assertTrue(s.rejection("mdl_logstore_standard_log").orElseThrow().contains("mdl_logstore_.*"));
    assertTrue(s.rejection("other").orElseThrow().contains("--include"));
  }

  @Test
  void aBadPatternNamesTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TableSelector.of(List.of(), List.of("mdl_(")));
    assertTrue(e.getMessage().contains("--exclude"));
  }
}
