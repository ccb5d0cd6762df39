package org.moodlemigrate.transforms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import org.moodlemigrate.casts.CopyTextBuffer;
import org.moodlemigrate.casts.RejectedValueException;
import org.moodlemigrate.casts.ValueConverter;

/**
 * Writes the anonymised value of a column in place of the source's: the source value is read as
 * text, the rule makes the new one, and that goes into the COPY row — so the source's value never
 * reaches the target, not even for a moment inside the chunk's transaction.
 *
 * <p>What the rule makes is checked against the target column as the column's own converter would
 * check a source value: a NULL for a NOT NULL column, text longer than {@code varchar(n)}, a
 * non-integer for an integer column are refused (the row is rejected and named, never cut), with
 * the rule named in the reason. The refused value is not quoted: it may be the source's own.
 *
 * <p>Counts the values it changed, for the report's per-table figure. One per chunk attempt.
 */
final class MaskingConverter implements ValueConverter {
  private final ColumnMask mask;
  private long changed;

  MaskingConverter(ColumnMask mask) {
    this.mask = mask;
  }

  /** The values this converter changed so far. */
  long changed() {
    return changed;
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    String value = row.getString(index);
    String masked;
    try {
      masked = mask.valueRule().apply(value, name -> other(row, name));
    } catch (UncheckedSql e) {
      throw e.cause;
    }
    if (!Objects.equals(value, masked)) {
      changed++;
    }
    if (masked == null) {
      if (mask.notNull()) {
        throw refused("made NULL, which the target column refuses");
      }
      out.appendNull();
      return;
    }
    if (mask.numeric()) {
      try {
        Long.parseLong(masked);
      } catch (NumberFormatException e) {
        throw refused("made a value that is not an integer");
      }
      out.appendAscii(masked);
      return;
    }
    if (mask.maxChars() > 0 && masked.codePointCount(0, masked.length()) > mask.maxChars()) {
      throw refused("made a value longer than the target's " + mask.maxChars() + " characters");
    }
    try {
      out.appendText(masked);
    } catch (IllegalArgumentException e) {
      throw refused("made text PostgreSQL cannot hold (" + e.getMessage() + ")");
    }
  }

  /** Another column of the row, as text, for a rule's condition. */
  private String other(ResultSet row, String name) {
    Integer at = mask.rowColumns().get(name.toLowerCase(Locale.ROOT));
    if (at == null) {
      throw new IllegalStateException(
          "the rule for " + mask.column() + " reads column " + name + ", which is not in its row");
    }
    try {
      return row.getString(at);
    } catch (SQLException e) {
      throw new UncheckedSql(e);
    }
  }

  private RejectedValueException refused(String why) {
    return new RejectedValueException(
        mask.column(), "the anonymisation rule '" + mask.rule() + "' " + why, "(not shown)");
  }

  /** A driver failure while a rule read another column, carried out of the rule's lambda. */
  private static final class UncheckedSql extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SQLException cause;

    UncheckedSql(SQLException cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
