package org.moodlemigrate.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical forms of docs/cast-rules.md ("How values are compared") as pure functions of the
 * text a server returns, so that each can be tested without a server.
 *
 * <p>Each function gives equal results for equal values however a server spells them ({@code 1.50}
 * and {@code 1.5}; {@code 05.120000} and {@code 05.12}; keys in any order), and different results
 * for different values. A text a function cannot read throws {@link IllegalArgumentException};
 * {@link ColumnCanonicaliser} then compares the text as it is, so that two unreadable values still
 * compare, and an unreadable one never equals a readable one.
 */
final class CanonicalValues {
  /**
   * Reads JSON numbers as exact decimals, refuses trailing garbage, and lifts Jackson's default
   * limits on string and number length and nesting: a document the server accepted must be readable
   * here, or two equal documents would differ.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNumberLength(Integer.MAX_VALUE)
                          .maxNestingDepth(100_000)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private CanonicalValues() {}

  /**
   * An exact number without trailing zeros: {@code 1.50} → {@code 1.5}, {@code -0.00} → {@code 0},
   * {@code 007} → {@code 7}, {@code 1e+06} → {@code 1000000}. Plain integers (by far the most
   * common cells) are returned as they are, without a {@link BigDecimal}.
   */
  static String number(String text) {
    if (isPlainInteger(text)) {
      return text;
    }
    try {
      return new BigDecimal(text.strip()).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + text, e);
    }
  }

  /** {@code 0}, {@code 42}, {@code -42}; not {@code -0}, {@code 007}, {@code +1} or {@code 1.0}. */
  private static boolean isPlainInteger(String s) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    if (s.charAt(i) == '0') {
      return n == 1; // "0" only: "-0" and "07" need normalising
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A date or date-time as wall-clock text with trailing fractional zeros dropped: {@code
   * 2024-01-02 03:04:05.120000} and {@code 2024-01-02 03:04:05.12} both as the latter, {@code
   * 03:04:05.000000} as {@code 03:04:05}. A {@code +00} zone suffix (UTC {@code timestamptz} text)
   * is dropped too. A zero date stays what it is ({@code 0000-00-00 00:00:00}), so that it differs
   * from a NULL: a run that nulled it says so in its anomaly report.
   */
  static String wallClock(String text) {
    String s = text.endsWith("+00") ? text.substring(0, text.length() - 3) : text;
    int dot = s.lastIndexOf('.');
    if (dot < 0 || s.indexOf(':') < 0 || s.indexOf(':') > dot) {
      return s;
    }
    int end = s.length();
    while (end > dot + 1 && s.charAt(end - 1) == '0') {
      end--;
    }
    if (end == dot + 1) {
      end = dot;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  /**
   * MySQL TIME text ({@code -838:59:59.5}, {@code 00:00:00.000001}, {@code -00:00:01}) or
   * PostgreSQL {@code time} text as signed microseconds.
   */
  static long timeMicros(String text) {
    String s = text.strip();
    boolean negative = s.startsWith("-");
    if (negative) {
      s = s.substring(1);
    }
    int c1 = s.indexOf(':');
    int c2 = c1 < 0 ? -1 : s.indexOf(':', c1 + 1);
    if (c1 <= 0 || c2 < 0 || s.indexOf(':', c2 + 1) >= 0) {
      throw new IllegalArgumentException("not a time: " + text);
    }
    int dot = s.indexOf('.', c2);
    String secondsText = dot < 0 ? s.substring(c2 + 1) : s.substring(c2 + 1, dot);
    String fraction = dot < 0 ? "" : s.substring(dot + 1);
    if (fraction.length() > 6) {
      throw new IllegalArgumentException("more than microseconds in " + text);
    }
    long hours = digits(s.substring(0, c1), text);
    long minutes = digits(s.substring(c1 + 1, c2), text);
    long seconds = digits(secondsText, text);
    long micros = fraction.isEmpty() ? 0 : digits((fraction + "00000").substring(0, 6), text);
    if (minutes > 59 || seconds > 59) {
      throw new IllegalArgumentException("not a time: " + text);
    }
    long total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros;
    return negative ? -total : total;
  }

  private static long digits(String part, String text) {
    if (part.isEmpty() || part.length() > 9) {
      throw new IllegalArgumentException("not a time: " + text);
    }
    long v = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a time: " + text);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * A {@code FLOAT}'s 32 bits. {@code asFloat}: the text spells a single-precision value (a
   * PostgreSQL {@code real}), read directly as a float; otherwise it spells a double (a MySQL FLOAT
   * read widened as {@code col * 1e0}, which is exact, or a {@code double precision} target),
   * narrowed to float.
   */
  static int float32Bits(String text, boolean asFloat) {
    try {
      float f = asFloat ? Float.parseFloat(text) : (float) Double.parseDouble(text);
      return Float.floatToIntBits(f);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a float: " + text, e);
    }
  }

  /** A {@code DOUBLE}'s 64 bits. */
  static long float64Bits(String text) {
    try {
      return Double.doubleToLongBits(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a double: " + text, e);
    }
  }

  /** PostgreSQL {@code bit(n)} text ({@code 0101}) as its unsigned number ({@code 5}). */
  static String bitsAsNumber(String binary) {
    if (binary.isEmpty()) {
      return "0";
    }
    try {
      return new BigInteger(binary, 2).toString();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a bit string: " + binary, e);
    }
  }

  /**
   * A JSON document with object keys sorted, numbers as exact decimals without trailing zeros
   * ({@code 2.50} = {@code 2.5}, {@code 1.0} = {@code 1}), strings with only the escapes JSON
   * requires, and no white space: PostgreSQL's {@code jsonb} reorders keys and MySQL's JSON
   * reformats, so semantic equality is what can be compared.
   */
  static String json(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("not JSON: empty");
    }
    StringBuilder b = new StringBuilder(text.length());
    write(node, b);
    return b.toString();
  }

  private static void write(JsonNode node, StringBuilder b) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>(node.size());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(null);
        b.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            b.append(',');
          }
          quote(names.get(i), b);
          b.append(':');
          write(node.get(names.get(i)), b);
        }
        b.append('}');
      }
      case ARRAY -> {
        b.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            b.append(',');
          }
          write(node.get(i), b);
        }
        b.append(']');
      }
      case NUMBER -> b.append(jsonNumber(node.decimalValue()));
      case STRING -> quote(node.textValue(), b);
      case BOOLEAN -> b.append(node.booleanValue());
      case NULL -> b.append("null");
      default -> throw new IllegalArgumentException("unexpected JSON node " + node.getNodeType());
    }
  }

  /** Plain digits unless that would spell out more than 20 zeros ({@code 1e400}). */
  private static String jsonNumber(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    return v.scale() >= -20 ? v.toPlainString() : v.toString();
  }

  private static void quote(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
