package org.moodlemigrate.testing;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a script line by line, splitting at {@code \n} only.
 *
 * <p>{@link java.io.BufferedReader#readLine()} also splits at a lone {@code \r}, which would turn a
 * carriage return inside a multi-line string literal into a line break; here a {@code \r} stays
 * part of its line and reaches the server unchanged.
 */
final class ScriptLines {

  private final Reader reader;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private int number;

  ScriptLines(Reader reader) {
    this.reader = reader;
  }

  /** The next line without its {@code \n}, or {@code null} at the end of the script. */
  String next() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position == limit && !fill()) {
        if (line == null) {
          return null;
        }
        number++;
        return line.toString();
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      if (line == null) {
        line = new StringBuilder(position - start);
      }
      line.append(buffer, start, position - start);
      if (position < limit) {
        position++;
        number++;
        return line.toString();
      }
    }
  }

  /** The 1-based number of the line last returned by {@link #next()}. */
  int number() {
    return number;
  }

  private boolean fill() throws IOException {
    int read = reader.read(buffer);
    position = 0;
    limit = Math.max(read, 0);
    return read > 0;
  }
}
