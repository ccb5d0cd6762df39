package org.moodlemigrate.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moodlemigrate.sql.Identifiers;

/**
 * Carries a MySQL generated column's expression into PostgreSQL.
 *
 * <p>Two things are translated, the rest is kept as it is (arithmetic, comparisons and most
 * functions are written alike): backtick-quoted names are re-quoted for PostgreSQL, and {@code
 * CONCAT(a, b, ...)} becomes {@code (a)::text || (b)::text || ...}. PostgreSQL requires generation
 * expressions to be immutable and its {@code concat()} is not; {@code ||} also keeps MySQL's
 * meaning of NULL (any NULL argument makes the result NULL), which {@code concat()} would not. An
 * expression holding anything that could end it (a semicolon or a comment marker outside quotes) is
 * refused.
 */
public final class GenerationExpression {
  private static final Pattern BACKTICKED = Pattern.compile("`((?:[^`]|``)*)`");
  private static final Pattern CONCAT = Pattern.compile("(?i)\\bconcat\\s*\\(");

  private GenerationExpression() {}

  /** The PostgreSQL expression, or null when it cannot be carried safely. */
  public static String translate(String mysql) {
    StringBuilder quoted = new StringBuilder();
    Matcher m = BACKTICKED.matcher(mysql);
    int last = 0;
    while (m.find()) {
      quoted
          .append(mysql, last, m.start())
          .append(Identifiers.postgres(m.group(1).replace("``", "`")));
      last = m.end();
    }
    quoted.append(mysql.substring(last));
    String s = quoted.toString();
    String outsideQuotes =
        s.replaceAll("'(?:[^'\\\\]|''|\\\\.)*'", "''").replaceAll("\"(?:[^\"]|\"\")*\"", "\"\"");
    if (outsideQuotes.contains(";")
        || outsideQuotes.contains("--")
        || outsideQuotes.contains("/*")) {
      return null;
    }
    try {
      return concat(s);
    } catch (IllegalArgumentException unbalanced) {
      return null;
    }
  }

  private static String concat(String s) {
    Matcher m = CONCAT.matcher(s);
    while (m.find()) {
      if (insideQuotes(s, m.start())) {
        continue;
      }
      int open = m.end() - 1;
      int close = closing(s, open);
      List<String> args = arguments(s.substring(open + 1, close));
      List<String> parts = new ArrayList<>();
      for (String arg : args) {
        parts.add("(" + concat(arg.strip()) + ")::text");
      }
      String replaced = "(" + String.join(" || ", parts) + ")";
      return concat(s.substring(0, m.start()) + replaced + s.substring(close + 1));
    }
    return s;
  }

  private static boolean insideQuotes(String s, int position) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < position; i++) {
      char c = s.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      }
    }
    return single || dbl;
  }

  private static int closing(String s, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '\'') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses");
  }

  private static List<String> arguments(String inner) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '\'') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(inner.substring(start, i));
        start = i + 1;
      }
    }
    out.add(inner.substring(start));
    return out;
  }
}
