package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code DATE}, {@code DATETIME}, {@code TIMESTAMP} and {@code TIME} as wall-clock text.
 *
 * <p>Values are read with {@code getString}: the server's own text ({@code 2024-03-31 02:30:00},
 * {@code 838:59:59}), which never passes through {@code java.sql.Timestamp} and so cannot be moved
 * by the JVM's or the server's time zone or land in a daylight-saving gap. {@code TIMESTAMP}
 * columns are read in a UTC session (see {@code DriverSettings}), so into {@code timestamptz} they
 * are written with an explicit {@code +00}; {@code DATETIME} has no zone and is likewise taken as
 * UTC there.
 *
 * <p>Zero dates ({@code 0000-00-00}, and dates with a zero year, month or day), which PostgreSQL
 * cannot represent, follow {@code --on-zero-date}: written as NULL with the row reported (the
 * default; refused when the target column is NOT NULL), or refused. Into a {@code time} column,
 * {@code TIME} values below zero or above 24 hours are refused (an {@code interval} target takes
 * them).
 */
final class TemporalConverter implements ValueConverter {
  private final String column;
  private final String targetBase;
  private final String suffix;
  private final boolean targetNotNull;
  private final ValuePolicy policy;
  private final ValueNotes notes;

  TemporalConverter(ColumnCast cast, ValuePolicy policy, ValueNotes notes) {
    this.column = cast.source().name();
    this.targetBase = cast.target().baseType();
    this.suffix = targetBase.equals("timestamptz") ? "+00" : "";
    this.targetNotNull = cast.target().notNull();
    this.policy = policy;
    this.notes = notes;
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    String text = row.getString(index);
    if (text == null) {
      out.appendNull();
      return;
    }
    if (targetBase.equals("time") || targetBase.equals("timetz")) {
      checkTimeOfDay(text);
    } else if (targetBase.equals("interval")) {
      out.appendAscii(text);
      return;
    } else if (hasZeroDatePart(text)) {
      zeroDate(text);
      out.appendNull();
      return;
    }
    out.appendAscii(suffix.isEmpty() ? text : text + suffix);
  }

  /** Refuses a zero date, or reports it written as NULL. */
  private void zeroDate(String text) throws RejectedValueException {
    String what = "zero date '" + text + "' has no PostgreSQL equivalent";
    if (policy.onZeroDate() == ValuePolicy.OnZeroDate.FAIL) {
      throw new RejectedValueException(column, what + " (--on-zero-date fail)", text);
    }
    if (targetNotNull) {
      throw new RejectedValueException(
          column, what + ", and the target column is NOT NULL so it cannot become NULL", text);
    }
    notes.changed(column, "zero date '" + text + "' written as NULL", text);
  }

  /** {@code 0000-00-00}, {@code 2024-00-10}, {@code 2024-05-00}: a zero year, month or day. */
  static boolean hasZeroDatePart(String text) {
    if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return false;
    }
    return text.startsWith("0000") || text.startsWith("00", 5) || text.startsWith("00", 8);
  }

  private void checkTimeOfDay(String text) throws RejectedValueException {
    boolean negative = text.startsWith("-");
    int colon = text.indexOf(':');
    int hours = colon > 0 ? Integer.parseInt(text.substring(negative ? 1 : 0, colon)) : 0;
    boolean above = hours > 24 || (hours == 24 && !text.matches("24:00:00(\\.0*)?"));
    if (negative || above) {
      throw new RejectedValueException(
          column,
          "time '" + text + "' is outside 00:00:00..24:00:00; use an interval column",
          text);
    }
  }
}
