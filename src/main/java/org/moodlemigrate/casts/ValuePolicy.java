package org.moodlemigrate.casts;

import java.io.Serializable;
import java.util.Locale;

/**
 * What happens to values PostgreSQL cannot take as they are, chosen by the administrator and never
 * silently: every value changed is reported with its row's key, and every row refused is written to
 * the table's reject file.
 *
 * @param onNul NUL characters in text ({@code --on-nul})
 * @param nulReplacement the replacement with {@link OnNul#REPLACE}
 * @param onZeroDate zero dates ({@code --on-zero-date})
 * @param maxRejects rows a table may lose before it fails ({@code --max-rejects}); 0 fails the
 *     table at its first refused row
 */
public record ValuePolicy(
    OnNul onNul, String nulReplacement, OnZeroDate onZeroDate, long maxRejects)
    implements Serializable {

  /** {@code --on-nul}. */
  public enum OnNul {
    /** Refuse the row. */
    FAIL,
    /** Remove the NUL characters (the default), reporting the row. */
    STRIP,
    /** Put a character of the administrator's choice in their place, reporting the row. */
    REPLACE
  }

  /** {@code --on-zero-date}. */
  public enum OnZeroDate {
    /** Write NULL (the default), reporting the row; refuse it when the column is NOT NULL. */
    NULL,
    /** Refuse the row. */
    FAIL
  }

  public static final ValuePolicy DEFAULT = new ValuePolicy(OnNul.STRIP, null, OnZeroDate.NULL, 0);

  public ValuePolicy {
    if (onNul == OnNul.REPLACE
        && (nulReplacement == null
            || nulReplacement.codePointCount(0, nulReplacement.length()) != 1
            || nulReplacement.equals("\0"))) {
      throw new IllegalArgumentException(
          "--on-nul replace:<char> needs exactly one character other than NUL");
    }
    if (maxRejects < 0) {
      throw new IllegalArgumentException("--max-rejects must not be negative, got " + maxRejects);
    }
  }

  /** Reads {@code fail}, {@code strip} or {@code replace:<char>} (also {@code replace:U+FFFD}). */
  public static ValuePolicy parse(String onNul, String onZeroDate, long maxRejects) {
    String nul = onNul == null ? "strip" : onNul;
    OnNul mode;
    String replacement = null;
    if (nul.equalsIgnoreCase("fail")) {
      mode = OnNul.FAIL;
    } else if (nul.equalsIgnoreCase("strip")) {
      mode = OnNul.STRIP;
    } else if (nul.regionMatches(true, 0, "replace:", 0, 8)) {
      mode = OnNul.REPLACE;
      replacement = nul.substring(8);
      if (replacement.toUpperCase(Locale.ROOT).matches("U\\+[0-9A-F]{1,6}")) {
        replacement = new String(Character.toChars(Integer.parseInt(replacement.substring(2), 16)));
      }
    } else {
      throw new IllegalArgumentException(
          "--on-nul must be fail, strip or replace:<char>; got '" + nul + "'");
    }
    String zero = onZeroDate == null ? "null" : onZeroDate.toLowerCase(Locale.ROOT);
    OnZeroDate zeroMode =
        switch (zero) {
          case "null" -> OnZeroDate.NULL;
          case "fail" -> OnZeroDate.FAIL;
          default ->
              throw new IllegalArgumentException(
                  "--on-zero-date must be null or fail; got '" + onZeroDate + "'");
        };
    return new ValuePolicy(mode, replacement, zeroMode, maxRejects);
  }
}
