package org.moodlemigrate.casts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Character data ({@code char}, {@code varchar}, the {@code text} family, {@code enum}, {@code
 * set}, {@code json}) as text.
 *
 * <p>Text arrives as UTF-8 bytes and is checked and escaped as bytes, never decoded by the JVM:
 * columns in utf8mb4 or utf8mb3 (all of Moodle's) as the bytes the server stores, columns in any
 * other character set converted by the server itself ({@link SourceText}), so that a legacy latin1
 * value arrives as exactly what MySQL means by it. A 50 MB value then costs its bytes once, not a
 * String twice their size as well. Invalid UTF-8, which decoding would silently turn into U+FFFD,
 * is refused with its byte position; a character the server could not convert from a legacy
 * character set is carried as the {@code ?} it shows, and reported. Two things PostgreSQL would
 * refuse are handled per value, so the message can name the row:
 *
 * <ul>
 *   <li>NUL characters, which PostgreSQL text cannot hold: removed ({@code --on-nul strip}, the
 *       default), replaced ({@code replace:<char>}) or refused ({@code fail}). A removal or
 *       replacement is reported through {@link ValueNotes} with the row's key, never silent.
 *   <li>for {@code varchar(n)} / {@code char(n)} targets, a value longer than n characters (counted
 *       after the NUL policy), which is refused: PostgreSQL would not truncate it, and we do not
 *       either.
 * </ul>
 *
 * <p>Values of other types carried into text columns (an integer into {@code varchar}) are read as
 * the server's text.
 */
final class TextConverter implements ValueConverter {
  private final String column;
  private final String targetType;
  private final Integer maxLength;
  private final ValuePolicy policy;
  private final ValueNotes notes;
  private final boolean utf8;
  private final String convertedFrom;
  private final Utf8Scan scan = new Utf8Scan();
  private final ValueBytes bytes = new ValueBytes();

  TextConverter(ColumnCast cast, ValuePolicy policy, ValueNotes notes) {
    this.column = cast.source().name();
    this.targetType = cast.target().formattedType();
    this.maxLength = cast.target().characterLength();
    this.policy = policy;
    this.notes = notes;
    String charset = cast.source().charset();
    boolean converted = SourceText.convertedByServer(charset);
    this.utf8 = SourceText.storedAsUtf8(charset) || converted;
    this.convertedFrom = converted ? charset.toLowerCase(Locale.ROOT) : null;
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    if (utf8) {
      convertUtf8(bytes.read(row, index), out);
    } else {
      convertText(row.getString(index), out);
    }
  }

  private void convertUtf8(ByteSlice value, CopyTextBuffer out) throws RejectedValueException {
    if (value == null) {
      out.appendNull();
      return;
    }
    byte[] b = value.array();
    int offset = value.offset();
    int count = value.length();
    if (convertedFrom != null && count > 0 && (b[offset] & 0xFF) == SourceText.LOSSY_MARKER) {
      offset++;
      count--;
      value = new ByteSlice(b, offset, count);
      notes.changed(
          column,
          "the server cannot convert every character of this "
              + convertedFrom
              + " text to Unicode; carried as MySQL shows it, with ? in their place",
          excerpt(value));
    }
    scan.scan(b, offset, count);
    if (scan.invalidAt >= 0) {
      throw new RejectedValueException(
          column,
          "text is not valid UTF-8 at byte "
              + scan.invalidAt
              + " (0x"
              + String.format("%02x", b[offset + scan.invalidAt] & 0xFF)
              + ")",
          excerpt(value));
    }
    if (scan.nuls > 0) {
      convertText(new String(b, offset, count, UTF_8), out); // rare: the NUL policy works on text
      return;
    }
    if (maxLength != null && scan.codePoints > maxLength) {
      throw new RejectedValueException(
          column,
          "text is " + scan.codePoints + " characters long; " + targetType + " holds " + maxLength,
          excerpt(value));
    }
    if (count >= CopyTextBuffer.LARGE_VALUE) {
      out.appendLargeUtf8(b, offset, count);
    } else {
      out.appendUtf8(b, offset, count);
    }
  }

  private static String excerpt(ByteSlice value) {
    return Excerpt.of(
        new String(value.array(), value.offset(), Math.min(value.length(), 480), UTF_8));
  }

  private void convertText(String value, CopyTextBuffer out) throws RejectedValueException {
    String text = value;
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
