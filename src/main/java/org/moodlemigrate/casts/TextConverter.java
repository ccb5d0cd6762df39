package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Character data ({@code char}, {@code varchar}, the {@code text} family, {@code enum}, {@code
 * set}, {@code json}) as text.
 *
 * <p>Connector/J decodes each value with the column's own character set (the server converts to
 * utf8mb4 for the connection), so legacy latin1 text arrives as the right Unicode text. Two things
 * PostgreSQL would refuse are checked per value, so the message can name the row: a NUL character
 * (PostgreSQL text cannot hold 0x00) and, for {@code varchar(n)} / {@code char(n)} targets, a value
 * longer than n characters.
 */
final class TextConverter implements ValueConverter {
  private final String column;
  private final String targetType;
  private final Integer maxLength;

  TextConverter(ColumnCast cast) {
    this.column = cast.source().name();
    this.targetType = cast.target().formattedType();
    this.maxLength = cast.target().characterLength();
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    String text = row.getString(index);
    if (text == null) {
      out.appendNull();
      return;
    }
    if (maxLength != null && text.length() > maxLength) {
      int codePoints = text.codePointCount(0, text.length());
      if (codePoints > maxLength) {
        throw new RejectedValueException(
            column,
            "text is " + codePoints + " characters long; " + targetType + " holds " + maxLength);
      }
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new RejectedValueException(
          column,
          "text holds a NUL byte (0x00) at character " + nul + "; PostgreSQL text cannot store it");
    }
    try {
      out.appendText(text);
    } catch (IllegalArgumentException e) {
      throw new RejectedValueException(column, "text cannot be encoded: " + e.getMessage());
    }
  }
}
