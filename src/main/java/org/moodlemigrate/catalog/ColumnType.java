package org.moodlemigrate.catalog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MySQL/MariaDB {@code COLUMN_TYPE} taken apart: {@code tinyint(1)}, {@code bigint(20) unsigned
 * zerofill}, {@code decimal(10,5)}, {@code enum('a','b')}, {@code datetime(6)}.
 *
 * <p>{@code DATA_TYPE} alone loses what the migration needs: the display width that tells Moodle's
 * {@code tinyint(1)} flags apart, {@code unsigned} (which widens the range), the enum members.
 *
 * @param name the base type, lower case: {@code tinyint}, {@code varchar}, {@code enum}
 * @param length the first argument: display width for integers, length for strings, binaries and
 *     bits, precision for decimals and {@code float(M,D)}, fractional-second digits for temporal
 *     types; null when absent
 * @param scale the second argument ({@code decimal(10,5)} → 5); null when absent
 * @param unsigned whether {@code unsigned} was given
 * @param zerofill whether {@code zerofill} was given
 * @param values the members of an {@code enum} or {@code set}, unquoted; empty otherwise
 */
public record ColumnType(
    String name,
    Integer length,
    Integer scale,
    boolean unsigned,
    boolean zerofill,
    List<String> values)
    implements Serializable {

  public ColumnType {
    values = List.copyOf(values);
  }

  /**
   * Parses {@code COLUMN_TYPE} text.
   *
   * @throws IllegalArgumentException when the text is not a column type
   */
  public static ColumnType parse(String columnType) {
    if (columnType == null || columnType.isBlank()) {
      throw new IllegalArgumentException("empty column type");
    }
    String s = columnType.strip();
    int open = s.indexOf('(');
    String head = open < 0 ? s : s.substring(0, open);
    String args = null;
    String tail = "";
    if (open >= 0) {
      int close = closingParen(s, open);
      args = s.substring(open + 1, close);
      tail = s.substring(close + 1);
    } else {
      // "int unsigned", "double precision unsigned": modifiers follow the name.
      String[] words = head.split("\\s+");
      StringBuilder name = new StringBuilder();
      StringBuilder mods = new StringBuilder();
      for (String w : words) {
        String lw = w.toLowerCase(Locale.ROOT);
        if (lw.equals("unsigned") || lw.equals("zerofill") || lw.equals("signed")) {
          mods.append(' ').append(lw);
        } else if (mods.length() == 0) {
          name.append(name.length() == 0 ? "" : " ").append(lw);
        }
      }
      head = name.toString();
      tail = mods.toString();
    }
    String name = head.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("no type name in '" + columnType + "'");
    }
    String lowerTail = tail.toLowerCase(Locale.ROOT);
    boolean unsigned = lowerTail.contains("unsigned");
    boolean zerofill = lowerTail.contains("zerofill");

    Integer length = null;
    Integer scale = null;
    List<String> values = List.of();
    if (args != null) {
      if (name.equals("enum") || name.equals("set")) {
        values = parseQuotedList(args, columnType);
      } else {
        String[] parts = args.split(",");
        try {
          length = Integer.valueOf(parts[0].strip());
          if (parts.length > 1) {
            scale = Integer.valueOf(parts[1].strip());
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("cannot read the arguments of '" + columnType + "'");
        }
      }
    }
    return new ColumnType(name, length, scale, unsigned, zerofill, values);
  }

  private static int closingParen(String s, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == '\\' && quoted) {
        i++;
      } else if (c == ')' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses in '" + s + "'");
  }

  private static List<String> parseQuotedList(String args, String original) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = args.length();
    while (i < n) {
      while (i < n && (args.charAt(i) == ',' || Character.isWhitespace(args.charAt(i)))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (args.charAt(i) != '\'') {
        throw new IllegalArgumentException("cannot read the members of '" + original + "'");
      }
      StringBuilder v = new StringBuilder();
      i++;
      while (true) {
        if (i >= n) {
          throw new IllegalArgumentException("unterminated member in '" + original + "'");
        }
        char c = args.charAt(i);
        if (c == '\'' && i + 1 < n && args.charAt(i + 1) == '\'') {
          v.append('\'');
          i += 2;
        } else if (c == '\'') {
          i++;
          break;
        } else if (c == '\\' && i + 1 < n) {
          v.append(args.charAt(i + 1));
          i += 2;
        } else {
          v.append(c);
          i++;
        }
      }
      out.add(v.toString());
    }
    return out;
  }

  /** Whether this is one of the integer types, {@code tinyint} to {@code bigint}. */
  public boolean isInteger() {
    return switch (name) {
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> true;
      default -> false;
    };
  }

  /** The smallest value the type can hold. */
  public java.math.BigInteger integerMin() {
    if (unsigned) {
      return java.math.BigInteger.ZERO;
    }
    return java.math.BigInteger.ONE.shiftLeft(integerBits() - 1).negate();
  }

  /** The largest value the type can hold. */
  public java.math.BigInteger integerMax() {
    int bits = unsigned ? integerBits() : integerBits() - 1;
    return java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE);
  }

  private int integerBits() {
    return switch (name) {
      case "tinyint" -> 8;
      case "smallint" -> 16;
      case "mediumint" -> 24;
      case "int", "integer" -> 32;
      case "bigint" -> 64;
      default -> throw new IllegalStateException(name + " is not an integer type");
    };
  }

  /** The type as MySQL prints it, for messages. */
  public String display() {
    StringBuilder b = new StringBuilder(name);
    if (!values.isEmpty()) {
      b.append('(');
      for (int i = 0; i < values.size(); i++) {
        b.append(i == 0 ? "" : ",")
            .append('\'')
            .append(values.get(i).replace("'", "''"))
            .append('\'');
      }
      b.append(')');
    } else if (length != null) {
      b.append('(').append(length);
      if (scale != null) {
        b.append(',').append(scale);
      }
      b.append(')');
    }
    if (unsigned) {
      b.append(" unsigned");
    }
    if (zerofill) {
      b.append(" zerofill");
    }
    return b.toString();
  }
}
