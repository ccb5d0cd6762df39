package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Character data ({@code char}, {@code varchar}, the {@code text} family, {@code enum}, {@code
 * set}, {@code json}) as text.
 *
 * <p>Connector/J decodes each value with the column's own character set (the server converts to
 * utf8mb4 for the connection), so legacy latin1 text arrives as the right Unicode text. Two things
 * PostgreSQL would refuse are handled per value, so the message can name the row:
 *
 * <ul>
 *   <li>NUL characters, which PostgreSQL text cannot hold: removed ({@code --on-nul strip}, the
 *       default), replaced ({@code replace:<char>}) or refused ({@code fail}). A removal or
 *       replacement is reported through {@link ValueNotes} with the row's key, never silent.
 *   <li>for {@code varchar(n)} / {@code char(n)} targets, a value longer than n characters (counted
 *       after the NUL policy), which is refused: PostgreSQL would not truncate it, and we do not
 *       either.
 * </ul>
 */
final class TextConverter implements ValueConverter {
  private final String column;
  private final String targetType;
  private final Integer maxLength;
  private final ValuePolicy policy;
  private final ValueNotes notes;

  TextConverter(ColumnCast cast, ValuePolicy policy, ValueNotes notes) {
    this.column = cast.source().name();
    this.targetType = cast.target().formattedType();
    this.maxLength = cast.target().characterLength();
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
    if (text.indexOf('\0') >= 0) {
      text = handleNul(text);
    }
    if (maxLength != null && text.length() > maxLength) {
      int codePoints = text.codePointCount(0, text.length());
      if (codePoints > maxLength) {
        throw new RejectedValueException(
            column,
            "text is " + codePoints + " characters long; " + targetType + " holds " + maxLength,
            Excerpt.of(text));
      }
    }
    try {
      out.appendText(text);
    } catch (IllegalArgumentException e) {
      throw new RejectedValueException(
          column, "text cannot be encoded: " + e.getMessage(), Excerpt.of(text));
    }
  }

  private String handleNul(String text) throws RejectedValueException {
    int first = text.indexOf('\0');
    int count = 0;
    for (int i = first; i < text.length(); i++) {
      if (text.charAt(i) == '\0') {
        count++;
      }
    }
    String excerpt = Excerpt.of(text);
    return switch (policy.onNul()) {
      case FAIL ->
          throw new RejectedValueException(
              column,
              "text holds "
                  + count
                  + " NUL character(s), the first at character "
                  + first
                  + "; PostgreSQL text cannot store them (--on-nul fail)",
              excerpt);
      case STRIP -> {
        notes.changed(column, "removed " + count + " NUL character(s)", excerpt);
        yield text.replace("\0", "");
      }
      case REPLACE -> {
        notes.changed(
            column,
            "replaced "
                + count
                + " NUL character(s) with U+"
                + String.format("%04X", policy.nulReplacement().codePointAt(0)),
            excerpt);
        yield text.replace("\0", policy.nulReplacement());
      }
    };
  }
}
