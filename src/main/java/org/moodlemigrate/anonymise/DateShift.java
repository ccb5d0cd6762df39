package org.moodlemigrate.anonymise;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves integer Unix times (Moodle's {@code time*} columns) by a fixed number of seconds, so that
 * the dates of a copy no longer say exactly when something happened while the order and the
 * distances between events stay. 0 means "never" in Moodle and stays 0; NULL stays NULL.
 */
final class DateShift {
  private static final Pattern AMOUNT = Pattern.compile("([+-]?\\d{1,12})\\s*([smhdw]?)");

  private DateShift() {}

  /**
   * The seconds an amount means: a whole number of seconds, or one with a unit: {@code s} seconds,
   * {@code m} minutes, {@code h} hours, {@code d} days, {@code w} weeks ({@code -30d}).
   *
   * @throws IllegalArgumentException when it is none of these
   */
  static long seconds(String amount) {
    Matcher m = AMOUNT.matcher(amount.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'by' must be a whole number of seconds or one with a unit s, m, h, d or w, such as"
              + " -30d");
    }
    long n = Long.parseLong(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "m" -> 60;
          case "h" -> 3_600;
          case "d" -> 86_400;
          case "w" -> 604_800;
          default -> 1;
        };
    return Math.multiplyExact(n, unit);
  }

  /** The shifted time; {@code value} must be an integer. */
  static String shift(String value, long seconds, String column) {
    long time;
    try {
      time = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      // the value is not quoted: it comes from a row of a table
      throw new IllegalArgumentException(
          "date-shift for column " + column + ": a value is not a whole number of seconds");
    }
    if (time == 0) {
      return "0";
    }
    return Long.toString(Math.addExact(time, seconds));
  }
}
