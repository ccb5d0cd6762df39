package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateShiftTest {
  @ParameterizedTest
  @CsvSource({
    "-30d, -2592000",
    "2w, 1209600",
    "+3h, 10800",
    "-90m, -5400",
    "45s, 45",
    "-86400, -86400"
  })
  void amountsWithAndWithoutUnits(String amount, long seconds) {
    assertEquals(seconds, DateShift.seconds(amount));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30 days", "-3y", "", "d", "1.5d", "--3d"})
  void otherAmountsAreRefused(String amount) {
    assertThrows(IllegalArgumentException.class, () -> DateShift.seconds(amount));
  }

  @Test
  void shiftsTimesButNotZero() {
    assertEquals("1699913600", DateShift.shift("1700000000", -86_400, "timecreated"));
    assertEquals("0", DateShift.shift("0", -86_400, "timecreated"));
    assertEquals("-86401", DateShift.shift("-1", -86_400, "timecreated"));
  }

  @Test
  void aValueThatIsNotATimeIsNamedByItsColumnNotQuoted() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DateShift.shift("yesterday", 1, "timecreated"));
    assertEquals(
        "date-shift for column timecreated: a value is not a whole number of seconds",
        e.getMessage());
  }
}
