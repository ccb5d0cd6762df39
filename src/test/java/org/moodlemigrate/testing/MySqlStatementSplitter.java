package org.moodlemigrate.testing;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code mysqldump} / {@code mariadb-dump} script into the statements the {@code mysql}
 * client would send to the server.
 *
 * <p>It is a small lexer rather than a line matcher, so it does not depend on how a dump happens to
 * be laid out: a delimiter counts only outside string literals ({@code '...'}, {@code "..."}, with
 * backslash escapes and doubled quotes), quoted identifiers ({@code `...`}) and comments, and a
 * line may hold several statements or a statement many lines.
 *
 * <ul>
 *   <li>Versioned comments ({@code /*!40101 SET NAMES utf8mb4 *}{@code /}, {@code /*M!...}) are
 *       kept: the server executes their content when its version is high enough.
 *   <li>Plain comments ({@code --}, {@code #}, {@code /* *}{@code /}) and blank lines are dropped.
 *   <li>Client commands are handled here, as the client does: MariaDB's sandbox marker ({@code
 *       /*M!999999\- enable the sandbox mode *}{@code /}, the first line of recent {@code
 *       mariadb-dump} output) is skipped, and {@code DELIMITER} changes the delimiter (dumps use it
 *       around triggers and routines).
 * </ul>
 *
 * Text is processed as given; {@link MySqlDumpLoader} reads files as ISO-8859-1 so that every byte,
 * including those of binary literals, reaches the server unchanged. That is safe because every
 * character the lexer looks at is ASCII, and UTF-8 multi-byte sequences never contain ASCII bytes.
 */
public final class MySqlStatementSplitter {

  private static final String SANDBOX_MARKER = "/*M!999999\\-";
  private static final Pattern DELIMITER_COMMAND =
      Pattern.compile("(?i)\\s*delimiter\\s+(\\S+)\\s*");

  private enum State {
    CODE,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    BACKTICK_QUOTED,
    COMMENT,
    VERSIONED_COMMENT
  }

  private final ScriptLines lines;
  private final StringBuilder statement = new StringBuilder();
  private State state = State.CODE;
  private String delimiter = ";";
  private String line;
  private int position;
  private int startLine;
  private int openedLine;

  public MySqlStatementSplitter(Reader script) {
    this.lines = new ScriptLines(script);
  }

  /**
   * The next statement, or {@code null} at the end of the script. A last statement without a
   * delimiter is returned too, as the client would send it.
   *
   * @throws IOException if reading fails, or the script ends inside a quote or versioned comment
   */
  public SqlStatement next() throws IOException {
    while (true) {
      if (line == null && !readLine()) {
        return finish();
      }
      while (position < line.length()) {
        SqlStatement complete = scan();
        if (complete != null) {
          return complete;
        }
      }
      if (statement.length() > 0) {
        statement.append('\n');
      }
      line = null;
    }
  }

  private boolean readLine() throws IOException {
    while (true) {
      line = lines.next();
      position = 0;
      if (line == null) {
        return false;
      }
      if (!atStatementStart()) {
        return true;
      }
      Matcher command = DELIMITER_COMMAND.matcher(line);
      if (command.matches()) {
        delimiter = command.group(1);
      } else if (!line.startsWith(SANDBOX_MARKER)) {
        return true;
      }
    }
  }

  private boolean atStatementStart() {
    return state == State.CODE && statement.length() == 0;
  }

  /** Consumes one token or run of characters; returns a statement when a delimiter ends one. */
  private SqlStatement scan() {
    switch (state) {
      case CODE -> {
        return scanCode();
      }
      case SINGLE_QUOTED -> scanEscapedQuote('\'');
      case DOUBLE_QUOTED -> scanEscapedQuote('"');
      case BACKTICK_QUOTED -> scanBacktickQuote();
      case COMMENT -> scanComment(false);
      case VERSIONED_COMMENT -> scanComment(true);
    }
    return null;
  }

  private SqlStatement scanCode() {
    if (line.startsWith(delimiter, position)) {
      position += delimiter.length();
      return complete();
    }
    char c = line.charAt(position);
    if (statement.length() == 0 && Character.isWhitespace(c)) {
      position++;
    } else if (c == '#' || isDashDashComment()) {
      position = line.length();
    } else if (line.startsWith("/*", position)) {
      boolean versioned = line.startsWith("/*!", position) || line.startsWith("/*M!", position);
      if (versioned) {
        append("/*");
        state = State.VERSIONED_COMMENT;
        openedLine = lines.number();
      } else {
        separateTokens();
        state = State.COMMENT;
      }
      position += 2;
    } else {
      append(c);
      position++;
      if (c == '\'' || c == '"' || c == '`') {
        state =
            c == '\''
                ? State.SINGLE_QUOTED
                : c == '"' ? State.DOUBLE_QUOTED : State.BACKTICK_QUOTED;
        openedLine = lines.number();
      }
    }
    return null;
  }

  /** {@code --} starts a comment only when followed by whitespace or the end of the line. */
  private boolean isDashDashComment() {
    return line.startsWith("--", position)
        && (position + 2 == line.length() || Character.isWhitespace(line.charAt(position + 2)));
  }

  /**
   * Inside {@code '...'} or {@code "..."}: a backslash escapes the next character, a doubled quote
   * is a quote.
   */
  private void scanEscapedQuote(char quote) {
    int end = position;
    while (end < line.length() && line.charAt(end) != quote && line.charAt(end) != '\\') {
      end++;
    }
    appendThrough(end);
    if (end == line.length()) {
      return;
    }
    char c = line.charAt(end);
    int next = end + 1;
    if (c == '\\') {
      appendThrough(Math.min(next + 1, line.length()));
    } else if (next < line.length() && line.charAt(next) == quote) {
      appendThrough(next + 1);
    } else {
      appendThrough(next);
      state = State.CODE;
    }
  }

  /** Inside {@code `...`}: only a doubled backtick escapes. */
  private void scanBacktickQuote() {
    int end = line.indexOf('`', position);
    if (end < 0) {
      appendThrough(line.length());
    } else if (end + 1 < line.length() && line.charAt(end + 1) == '`') {
      appendThrough(end + 2);
    } else {
      appendThrough(end + 1);
      state = State.CODE;
    }
  }

  /** Plain comments are dropped, versioned ones kept verbatim. */
  private void scanComment(boolean keep) {
    int end = line.indexOf("*/", position);
    int stop = end < 0 ? line.length() : end + 2;
    if (keep) {
      appendThrough(stop);
    } else {
      position = stop;
    }
    if (end >= 0) {
      state = State.CODE;
    }
  }

  private void append(CharSequence text) {
    markStart();
    statement.append(text);
  }

  private void append(char c) {
    markStart();
    statement.append(c);
  }

  /** A dropped comment still separates the tokens around it. */
  private void separateTokens() {
    if (statement.length() > 0) {
      statement.append(' ');
    }
  }

  private void appendThrough(int end) {
    statement.append(line, position, end);
    position = end;
  }

  private void markStart() {
    if (statement.length() == 0) {
      startLine = lines.number();
    }
  }

  private SqlStatement complete() {
    String sql = statement.toString().strip();
    statement.setLength(0);
    return sql.isEmpty() ? null : new SqlStatement(sql, startLine);
  }

  private SqlStatement finish() throws IOException {
    if (state != State.CODE && state != State.COMMENT) {
      throw new IOException(
          "The script ends inside a quote or versioned comment opened on line " + openedLine);
    }
    return complete();
  }
}
