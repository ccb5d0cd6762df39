package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalValuesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|0",
        "42|42",
        "-42|-42",
        "-0|0",
        "007|7",
        "-007|-7",
        "+5|5",
        "1.50|1.5",
        "1.0|1",
        "-0.00|0",
        "0.000|0",
        "100|100",
        "100.000|100",
        "-1.2300|-1.23",
        "1e+06|1000000",
        "1E3|1000",
        "1.5e-3|0.0015",
        "18446744073709551615|18446744073709551615",
        "18446744073709551615.0|18446744073709551615",
        "9223372036854775808|9223372036854775808",
        "-9223372036854775808|-9223372036854775808",
        "0.000000000000000000000000000001|0.000000000000000000000000000001",
        "99999999999999999999999999999999999.999999999999999999999999999999"
            + "|99999999999999999999999999999999999.999999999999999999999999999999",
      })
  void numbersAreExactWithoutTrailingZeros(String text, String canonical) {
    assertEquals(canonical, CanonicalValues.number(text));
  }

  @Test
  void numbersThatDifferStayDifferent() {
    assertNotEquals(CanonicalValues.number("1.5"), CanonicalValues.number("1.05"));
    assertNotEquals(CanonicalValues.number("10"), CanonicalValues.number("1"));
    assertNotEquals(
        CanonicalValues.number("18446744073709551615"),
        CanonicalValues.number("18446744073709551614"));
    assertNotEquals(CanonicalValues.number("-1"), CanonicalValues.number("1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "abc", "NaN", "Infinity", "1.2.3", "1,5"})
  void notNumbersAreRefused(String text) {
    assertThrows(IllegalArgumentException.class, () -> CanonicalValues.number(text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-02 03:04:05.120000|2024-01-02 03:04:05.12",
        "2024-01-02 03:04:05.12|2024-01-02 03:04:05.12",
        "2024-01-02 03:04:05.000000|2024-01-02 03:04:05",
        "2024-01-02 03:04:05|2024-01-02 03:04:05",
        "2024-01-02 03:04:05.000001|2024-01-02 03:04:05.000001",
        "2024-01-02 03:04:05.100000+00|2024-01-02 03:04:05.1",
        "2024-01-02 03:04:05+00|2024-01-02 03:04:05",
        "2024-01-02 00:00:00.000000|2024-01-02 00:00:00",
        "2024-01-02|2024-01-02",
        "0000-00-00|0000-00-00",
        "0000-00-00 00:00:00|0000-00-00 00:00:00",
        "0000-00-00 00:00:00.000000|0000-00-00 00:00:00",
        "9999-12-31 23:59:59.999999|9999-12-31 23:59:59.999999",
        "1000-01-01 00:00:00.500|1000-01-01 00:00:00.5",
      })
  void wallClockDropsTrailingFractionZeros(String text, String canonical) {
    assertEquals(canonical, CanonicalValues.wallClock(text));
  }

  @Test
  void wallClockKeepsDifferencesOfOneMicrosecond() {
    assertNotEquals(
        CanonicalValues.wallClock("2024-01-02 03:04:05.000001"),
        CanonicalValues.wallClock("2024-01-02 03:04:05"));
    assertNotEquals(
        CanonicalValues.wallClock("2024-01-02 03:04:05.1"),
        CanonicalValues.wallClock("2024-01-02 03:04:05.01"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "00:00:00|0",
        "-00:00:00|0",
        "00:00:01|1000000",
        "-00:00:01|-1000000",
        "00:00:00.000001|1",
        "-00:00:00.000001|-1",
        "00:00:00.5|500000",
        "00:00:00.500000|500000",
        "00:00:00.05|50000",
        "01:02:03|3723000000",
        "23:59:59|86399000000",
        "24:00:00|86400000000",
        "838:59:59|3020399000000",
        "-838:59:59|-3020399000000",
        "838:59:59.000000|3020399000000",
        "-838:59:58.999999|-3020398999999",
        "100:00:00|360000000000",
      })
  void timesAreSignedMicroseconds(String text, long micros) {
    assertEquals(micros, CanonicalValues.timeMicros(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "12",
        "12:30",
        "1:2:3:4",
        "aa:00:00",
        "00:60:00",
        "00:00:60",
        "00:00:00.1234567"
      })
  void notTimesAreRefused(String text) {
    assertThrows(IllegalArgumentException.class, () -> CanonicalValues.timeMicros(text));
  }

  @Test
  void floatBitsOfAWidenedSourceFloatEqualThoseOfTheTargetReal() {
    // MySQL FLOAT 1.0000001 read as col * 1e0 prints the exact double of the float.
    float f = 1.0000001f;
    String widened = Double.toString((double) f); // 1.0000001192092896
    String real = Float.toString(f); // what PostgreSQL prints for the real
    assertEquals(
        CanonicalValues.float32Bits(widened, false), CanonicalValues.float32Bits(real, true));
    assertEquals(Float.floatToIntBits(f), CanonicalValues.float32Bits(real, true));
    assertNotEquals(
        CanonicalValues.float32Bits("1.0000001", true),
        CanonicalValues.float32Bits("1.0000002", true));
  }

  @Test
  void floatBitsAtTheEdges() {
    for (float f :
        new float[] {
          Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE, 0.1f, 16777216f, 0f
        }) {
      assertEquals(
          Float.floatToIntBits(f),
          CanonicalValues.float32Bits(Double.toString(f), false),
          "widened " + f);
      assertEquals(
          Float.floatToIntBits(f), CanonicalValues.float32Bits(Float.toString(f), true), "" + f);
    }
    assertNotEquals(
        CanonicalValues.float32Bits("0", true), CanonicalValues.float32Bits("-0", true));
    assertEquals(
        CanonicalValues.float32Bits("NaN", true), CanonicalValues.float32Bits("NaN", false));
    assertThrows(IllegalArgumentException.class, () -> CanonicalValues.float32Bits("x", true));
  }

  @Test
  void doubleBitsAreExact() {
    for (double d :
        new double[] {
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          Double.MIN_VALUE,
          Double.MIN_NORMAL,
          0.1,
          1.0 / 3,
          9007199254740993.0,
          -0.1
        }) {
      assertEquals(Double.doubleToLongBits(d), CanonicalValues.float64Bits(Double.toString(d)));
    }
    // PostgreSQL prints with extra_float_digits = 3 up to 17 digits: the same double.
    assertEquals(
        CanonicalValues.float64Bits("0.333333333333333315"),
        CanonicalValues.float64Bits("0.3333333333333333"));
    assertNotEquals(
        CanonicalValues.float64Bits("0.1"), CanonicalValues.float64Bits("0.10000000000000002"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {"0|0", "1|1", "00101|5", "''|0", "1111111111|1023"})
  void bitStringsAreUnsignedNumbers(String bits, String number) {
    assertEquals(number, CanonicalValues.bitsAsNumber(bits));
  }

  @Test
  void sixtyFourBitsAreUnsigned() {
    assertEquals("18446744073709551615", CanonicalValues.bitsAsNumber("1".repeat(64)));
    assertEquals("9223372036854775808", CanonicalValues.bitsAsNumber("1" + "0".repeat(63)));
  }

  @Test
  void jsonKeysAreSortedAndWhiteSpaceDropped() {
    assertEquals(
        "{\"a\":1,\"b\":[1,2.5,null],\"c\":{\"d\":true,\"e\":\"x\"}}",
        CanonicalValues.json(
            "{\"c\": {\"e\": \"x\", \"d\": true}, \"b\": [1, 2.50, null], \"a\": 1.0}"));
  }

  @Test
  void nestedJsonIsSortedAtEveryLevel() {
    assertEquals(
        CanonicalValues.json("[{\"z\": {\"y\": [{\"b\": 1, \"a\": 2}]}, \"a\": []}]"),
        CanonicalValues.json("[{\"a\":[],\"z\":{\"y\":[{\"a\":2,\"b\":1}]}}]"));
    // Array order matters.
    assertNotEquals(CanonicalValues.json("[1,2]"), CanonicalValues.json("[2,1]"));
  }

  @Test
  void jsonNumbersCompareAsDecimals() {
    assertEquals(CanonicalValues.json("2.50"), CanonicalValues.json("2.5"));
    assertEquals(CanonicalValues.json("1.0"), CanonicalValues.json("1"));
    assertEquals(CanonicalValues.json("-0"), CanonicalValues.json("0"));
    assertEquals(CanonicalValues.json("1e2"), CanonicalValues.json("100"));
    assertEquals("100", CanonicalValues.json("1E+2"));
    assertEquals(
        "12345678901234567890.123456789", CanonicalValues.json("12345678901234567890.1234567890"));
    assertEquals("18446744073709551615", CanonicalValues.json("18446744073709551615"));
    assertEquals("1E+400", CanonicalValues.json("1e400"));
    assertNotEquals(CanonicalValues.json("0.1"), CanonicalValues.json("0.10000000000000001"));
  }

  @Test
  void jsonStringsCompareByContentNotSpelling() {
    assertEquals(CanonicalValues.json("\"\\u00e9\""), CanonicalValues.json("\"é\""));
    assertEquals(CanonicalValues.json("\"\\/\""), CanonicalValues.json("\"/\""));
    assertEquals("\"a\\\"b\\\\c\\u000a😀\"", CanonicalValues.json("\"a\\\"b\\\\c\\n😀\""));
    assertNotEquals(CanonicalValues.json("\"1\""), CanonicalValues.json("1"));
    assertNotEquals(CanonicalValues.json("\"\""), CanonicalValues.json("null"));
  }

  @Test
  void jsonKeysThatLookAlikeStayApart() {
    assertNotEquals(
        CanonicalValues.json("{\"a\":\"b,c\"}"), CanonicalValues.json("{\"a\":\"b\",\"c\":1}"));
    assertEquals("{\"\":1,\"A\":2,\"a\":3}", CanonicalValues.json("{\"a\":3,\"\":1,\"A\":2}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\":}", "[1,]", "1 2", "nope", "{'a':1}"})
  void notJsonIsRefused(String text) {
    assertThrows(IllegalArgumentException.class, () -> CanonicalValues.json(text));
  }

  @Test
  void largeJsonIsReadWhole() {
    String big = "x".repeat(25_000_000);
    assertEquals("[\"" + big + "\"]", CanonicalValues.json("[ \"" + big + "\" ]"));
    String deep = "[".repeat(2000) + "]".repeat(2000);
    assertEquals(deep, CanonicalValues.json(deep));
  }
}
