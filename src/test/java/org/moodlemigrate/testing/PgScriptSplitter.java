package org.moodlemigrate.testing;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Pattern;

/**
 * Splits a {@code pg_dump} plain-format script into the statements {@code psql} would send, and
 * hands out the data of {@code COPY ... FROM stdin} blocks line by line.
 *
 * <p>Like psql's own lexer it ends a statement at a {@code ;} only outside string literals ({@code
 * '...'} with doubled quotes, {@code E'...'} also with backslash escapes), quoted identifiers,
 * dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}), comments ({@code --} and nestable
 * {@code /* *}{@code /}, both dropped) and parentheses (rules with several actions). Literals and
 * bodies may span lines.
 *
 * <ul>
 *   <li>psql meta-commands on a line of their own, such as <code>\restrict</code> and <code>
 *       &#92;unrestrict</code>, are skipped: they mean nothing to the server. {@code \connect} is
 *       skipped too, so a script made with {@code pg_dump --create} loads into the connection's own
 *       database.
 *   <li>After a statement for which {@link #inCopyData()} is true, the following lines up to a line
 *       {@code \.} (or {@code \.\r}, from a script with Windows line ends) are the COPY data: read
 *       them with {@link #nextCopyLine()}. A data value that is itself {@code \.} is written {@code
 *       \\.} by pg_dump, so it cannot end the block.
 * </ul>
 *
 * Not supported: SQL-standard function bodies ({@code BEGIN ATOMIC ... END}), which psql tracks by
 * keyword; Moodle schemas have none.
 */
public final class PgScriptSplitter {

  private static final Pattern COPY_FROM_STDIN =
      Pattern.compile("(?is)COPY\\s.*\\sFROM\\s+stdin\\b.*");
  private static final Pattern END_OF_COPY_DATA = Pattern.compile("\\\\\\.\r?");

  private enum State {
    CODE,
    QUOTED,
    ESCAPE_QUOTED,
    IDENTIFIER,
    DOLLAR_QUOTED,
    COMMENT
  }

  private final ScriptLines lines;
  private final StringBuilder statement = new StringBuilder();
  private State state = State.CODE;
  private String dollarTag;
  private int commentDepth;
  private int parenthesisDepth;
  private boolean inCopyData;
  private int copyLine;
  private String line;
  private int position;
  private int startLine;
  private int openedLine;

  public PgScriptSplitter(Reader script) {
    this.lines = new ScriptLines(script);
  }

  /**
   * The next statement, or {@code null} at the end of the script. COPY data not read with {@link
   * #nextCopyLine()} is skipped.
   *
   * @throws IOException if reading fails, or the script ends inside a literal, body or COPY block
   */
  public SqlStatement next() throws IOException {
    while (inCopyData) {
      nextCopyLine();
    }
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

  /**
   * Whether the statement last returned was a {@code COPY ... FROM stdin} whose data is still
   * unread.
   */
  public boolean inCopyData() {
    return inCopyData;
  }

  /**
   * The next line of COPY data, without its line break, or {@code null} at the {@code \.} line that
   * ends the block.
   *
   * @throws IllegalStateException if there is no COPY block being read
   * @throws IOException if the script ends before the {@code \.} line
   */
  public String nextCopyLine() throws IOException {
    if (!inCopyData) {
      throw new IllegalStateException("No COPY ... FROM stdin statement is waiting for its data");
    }
    String data = lines.next();
    if (data == null) {
      throw new IOException(
          "The COPY data after line " + copyLine + " does not end with a line \\.");
    }
    if (END_OF_COPY_DATA.matcher(data).matches()) {
      inCopyData = false;
      return null;
    }
    return data;
  }

  private boolean readLine() throws IOException {
    do {
      line = lines.next();
      position = 0;
    } while (line != null && atStatementStart() && line.startsWith("\\"));
    return line != null;
  }

  private boolean atStatementStart() {
    return state == State.CODE && statement.length() == 0;
  }

  /** Consumes one token or run of characters; returns a statement when a {@code ;} ends one. */
  private SqlStatement scan() {
    switch (state) {
      case CODE -> {
        return scanCode();
      }
      case QUOTED -> scanQuoted('\'', false);
      case ESCAPE_QUOTED -> scanQuoted('\'', true);
      case IDENTIFIER -> scanQuoted('"', false);
      case DOLLAR_QUOTED -> scanDollarQuoted();
      case COMMENT -> scanComment();
    }
    return null;
  }

  private SqlStatement scanCode() {
    char c = line.charAt(position);
    if (c == ';' && parenthesisDepth == 0) {
      position++;
      return complete();
    }
    String tag = c == '$' ? dollarTagAt(position) : null;
    if (statement.length() == 0 && Character.isWhitespace(c)) {
      position++;
    } else if (line.startsWith("--", position)) {
      position = line.length();
    } else if (line.startsWith("/*", position)) {
      separateTokens();
      state = State.COMMENT;
      commentDepth = 1;
      position += 2;
    } else if (tag != null) {
      open(State.DOLLAR_QUOTED);
      dollarTag = tag;
      append(tag);
      position += tag.length();
    } else {
      if (c == '\'') {
        open(isEscapeStringPrefix() ? State.ESCAPE_QUOTED : State.QUOTED);
      } else if (c == '"') {
        open(State.IDENTIFIER);
      } else if (c == '(') {
        parenthesisDepth++;
      } else if (c == ')' && parenthesisDepth > 0) {
        parenthesisDepth--;
      }
      append(c);
      position++;
    }
    return null;
  }

  /** {@code E'...'} (or {@code e'...'}) is an escape string unless the E ends a longer word. */
  private boolean isEscapeStringPrefix() {
    int e = position - 1;
    return e >= 0
        && (line.charAt(e) == 'E' || line.charAt(e) == 'e')
        && (e == 0 || !isIdentifierChar(line.charAt(e - 1)));
  }

  /**
   * The dollar-quote opener ({@code $$} or {@code $tag$}) starting at {@code at}, or {@code null}.
   * A {@code $} inside a word ({@code a$b}) or starting a parameter ({@code $1}) opens nothing.
   */
  private String dollarTagAt(int at) {
    if (at > 0 && isIdentifierChar(line.charAt(at - 1))) {
      return null;
    }
    int end = at + 1;
    if (end < line.length() && isTagStart(line.charAt(end))) {
      do {
        end++;
      } while (end < line.length() && isTagChar(line.charAt(end)));
    }
    return end < line.length() && line.charAt(end) == '$' ? line.substring(at, end + 1) : null;
  }

  private static boolean isTagStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isTagChar(char c) {
    return isTagStart(c) || Character.isDigit(c);
  }

  private static boolean isIdentifierChar(char c) {
    return isTagChar(c) || c == '$';
  }

  /**
   * Inside a literal or quoted identifier: a doubled quote is a quote; in E'...' a backslash
   * escapes.
   */
  private void scanQuoted(char quote, boolean backslashEscapes) {
    int end = position;
    while (end < line.length()
        && line.charAt(end) != quote
        && !(backslashEscapes && line.charAt(end) == '\\')) {
      end++;
    }
    appendThrough(end);
    if (end == line.length()) {
      return;
    }
    int next = end + 1;
    if (line.charAt(end) == '\\') {
      appendThrough(Math.min(next + 1, line.length()));
    } else if (next < line.length() && line.charAt(next) == quote) {
      appendThrough(next + 1);
    } else {
      appendThrough(next);
      state = State.CODE;
    }
  }

  private void scanDollarQuoted() {
    int end = line.indexOf(dollarTag, position);
    if (end < 0) {
      appendThrough(line.length());
    } else {
      appendThrough(end + dollarTag.length());
      state = State.CODE;
    }
  }

  /** Comments are dropped; PostgreSQL's block comments nest. */
  private void scanComment() {
    while (position < line.length()) {
      if (line.startsWith("/*", position)) {
        commentDepth++;
        position += 2;
      } else if (line.startsWith("*/", position)) {
        position += 2;
        if (--commentDepth == 0) {
          state = State.CODE;
          return;
        }
      } else {
        position++;
      }
    }
  }

  private void open(State quoted) {
    state = quoted;
    openedLine = lines.number();
  }

  private void append(String text) {
    markStart();
    statement.append(text);
  }

  private void append(char c) {
    markStart();
    statement.append(c);
  }

  private void markStart() {
    if (statement.length() == 0) {
      startLine = lines.number();
    }
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

  private SqlStatement complete() {
    String sql = statement.toString().strip();
    statement.setLength(0);
    if (sql.isEmpty()) {
      return null;
    }
    if (COPY_FROM_STDIN.matcher(sql).matches()) {
      inCopyData = true;
      copyLine = lines.number();
      line = null;
      position = 0;
    }
    return new SqlStatement(sql, startLine);
  }

  private SqlStatement finish() throws IOException {
    if (state != State.CODE) {
      throw new IOException(
          "The script ends inside a literal, body or comment opened on line " + openedLine);
    }
    return complete();
  }
}
