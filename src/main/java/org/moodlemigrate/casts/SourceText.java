package org.moodlemigrate.casts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the text of a source column is read: as the bytes the server stores, or converted by the
 * server itself.
 *
 * <p>Text in {@code utf8mb4} or {@code utf8mb3} (all of Moodle's) is read as its stored bytes,
 * which are already UTF-8. Text in any other character set (a legacy {@code latin1} table, {@code
 * cp1251}, {@code sjis} …) is converted by the server, {@code CONVERT(col USING utf8mb4)}, and
 * never decoded by the JVM: Java's charsets are not MySQL's. MySQL's {@code latin1} is Windows-1252
 * with the five bytes that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) mapped to
 * the control characters of the same number; Java's {@code windows-1252} turns them into U+FFFD
 * without a word, and those are exactly the bytes a repair of double-encoded UTF-8 needs. The
 * server's conversion is by definition what MySQL means, for every character set it has.
 *
 * <p>Where the server cannot convert a character (a byte {@code cp1251} leaves undefined, an
 * invalid {@code sjis} sequence) it shows {@code ?}, as it does to Moodle. Such a value is carried
 * as the server shows it and reported, not silently: the expression converts the value back and
 * compares the bytes, and a value that does not survive the round trip arrives with {@link
 * #LOSSY_MARKER} in front, a byte that never occurs in UTF-8.
 */
public final class SourceText {
  /** Put before a value the server could not convert without loss; never a UTF-8 byte. */
  public static final int LOSSY_MARKER = 0xFF;

  private static final Pattern CHARSET_NAME = Pattern.compile("[a-z0-9_]+");

  private SourceText() {}

  /** Whether text in {@code charset} is read as its stored bytes (UTF-8 already). */
  public static boolean storedAsUtf8(String charset) {
    if (charset == null) {
      return false;
    }
    String cs = charset.toLowerCase(Locale.ROOT);
    return cs.equals("utf8mb4") || cs.equals("utf8mb3") || cs.equals("utf8");
  }

  /** Whether text in {@code charset} is converted by the server: a character set not UTF-8. */
  public static boolean convertedByServer(String charset) {
    return charset != null && !storedAsUtf8(charset) && !charset.equalsIgnoreCase("binary");
  }

  /**
   * What the server says a column's text is, in UTF-8: {@code CONVERT(col USING utf8mb4)}, as
   * {@code verify} compares against it.
   *
   * @param quoted the quoted column (or expression)
   */
  public static String converted(String quoted, String charset) {
    return "CONVERT(" + quoted + " USING utf8mb4)";
  }

  /**
   * The copy's read expression for a column the server converts: the converted text, with {@link
   * #LOSSY_MARKER} in front when converting it back does not give the stored bytes.
   *
   * @param quoted the quoted column
   * @param charset its character set, as the catalog names it
   */
  public static String convertedWithLossMarker(String quoted, String charset) {
    String cs = charset.toLowerCase(Locale.ROOT);
    if (!CHARSET_NAME.matcher(cs).matches()) {
      throw new IllegalArgumentException("not a character set name: " + charset);
    }
    String utf8 = converted(quoted, cs);
    String bytes = "CAST(" + utf8 + " AS BINARY)";
    return "IF(CAST(CONVERT("
        + utf8
        + " USING "
        + cs
        + ") AS BINARY) = CAST("
        + quoted
        + " AS BINARY), "
        + bytes
        + ", CONCAT(_binary X'"
        + Integer.toHexString(LOSSY_MARKER).toUpperCase(Locale.ROOT)
        + "', "
        + bytes
        + "))";
  }
}
