package org.moodlemigrate.casts;

import java.util.HexFormat;

/**
 * A short, printable excerpt of a value, for row reports and reject files: at most {@value #CHARS}
 * characters of text with control characters spelled out ({@code \0}, {@code \n}, {@code \x1b}), or
 * at most {@value #BYTES} bytes of binary as hex. Never the whole of a megabyte value, never a
 * character that would break a CSV line or a terminal.
 */
public final class Excerpt {
  static final int CHARS = 120;
  static final int BYTES = 48;

  private Excerpt() {}

  public static String of(String text) {
    return text == null ? "NULL" : printable(text, CHARS);
  }

  /** The whole text with control characters spelled out, for keys and names in a report line. */
  public static String printable(String text) {
    return printable(text, Integer.MAX_VALUE);
  }

  private static String printable(String text, int limit) {
    StringBuilder b = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length() && shown < limit; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      shown++;
      switch (cp) {
        case 0 -> b.append("\\0");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\\' -> b.append("\\\\");
        default -> {
          if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            b.append(String.format("\\x%02x", cp));
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    }
    int total = shown < limit ? shown : text.codePointCount(0, text.length());
    if (total > limit) {
      b.append("… (").append(total).append(" characters)");
    }
    return b.toString();
  }

  public static String of(byte[] bytes) {
    if (bytes == null) {
      return "NULL";
    }
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, BYTES));
    return "\\x" + hex + (bytes.length > BYTES ? "… (" + bytes.length + " bytes)" : "");
  }
}
