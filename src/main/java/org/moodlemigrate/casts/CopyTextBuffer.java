package org.moodlemigrate.casts;

import java.util.Arrays;

/**
 * Builds PostgreSQL {@code COPY ... FROM STDIN} text-format rows as UTF-8 bytes.
 *
 * <p>Hand-written rather than taken from a library because no maintained Java library produces COPY
 * text from values; it is small and exhaustively tested ({@code CopyTextBufferTest}). The format
 * (PostgreSQL manual, "COPY", text format): fields separated by a tab, rows ended by a newline,
 * NULL written as {@code \N}, and in data a backslash, newline, carriage return and tab written as
 * {@code \\}, {@code \n}, {@code \r}, {@code \t}. Escaping every backslash also means a value
 * holding {@code \.} can never be read as the end-of-data marker.
 *
 * <p>Values are encoded straight into one growing byte array, without an intermediate String or
 * byte[] per value. A row is only complete after {@link #endRow()}; {@link #abortRow()} drops a
 * half-written row (a value was rejected), so a row is never half sent.
 */
public final class CopyTextBuffer {
  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final int initialCapacity;
  private byte[] bytes;
  private int length;
  private int rowStart;
  private int fieldsInRow;

  public CopyTextBuffer(int initialCapacity) {
    this.initialCapacity = Math.max(64, initialCapacity);
    this.bytes = new byte[this.initialCapacity];
  }

  /** Writes a SQL NULL. */
  public void appendNull() {
    separator();
    ensure(2);
    bytes[length++] = '\\';
    bytes[length++] = 'N';
  }

  /**
   * Writes text that is known to hold only ASCII characters needing no escape (numbers, dates in
   * ISO form, {@code t}/{@code f}). Anything else must go through {@link #appendText}.
   */
  public void appendAscii(CharSequence s) {
    separator();
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
  }

  /**
   * Writes text, escaped for COPY and encoded as UTF-8.
   *
   * @throws IllegalArgumentException when the text holds a NUL character or an unpaired surrogate,
   *     neither of which PostgreSQL text can hold; the caller decides what that means for the row
   */
  public void appendText(CharSequence s) {
    separator();
    int n = s.length();
    ensure(n + 8);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        ensure(2);
        switch (c) {
          case '\\' -> {
            bytes[length++] = '\\';
            bytes[length++] = '\\';
          }
          case '\n' -> {
            bytes[length++] = '\\';
            bytes[length++] = 'n';
          }
          case '\r' -> {
            bytes[length++] = '\\';
            bytes[length++] = 'r';
          }
          case '\t' -> {
            bytes[length++] = '\\';
            bytes[length++] = 't';
          }
          case '\0' -> throw new IllegalArgumentException("NUL character at position " + i);
          default -> bytes[length++] = (byte) c;
        }
      } else if (c < 0x800) {
        ensure(2);
        bytes[length++] = (byte) (0xC0 | (c >> 6));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new IllegalArgumentException("unpaired surrogate at position " + i);
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        bytes[length++] = (byte) (0xF0 | (cp >> 18));
        bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException("unpaired surrogate at position " + i);
      } else {
        ensure(3);
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  /**
   * Writes binary data as a {@code bytea} hex literal. In COPY text the literal's own backslash
   * must itself be escaped, hence {@code \\x}.
   */
  public void appendBytea(byte[] value) {
    separator();
    ensure(3 + 2 * value.length);
    bytes[length++] = '\\';
    bytes[length++] = '\\';
    bytes[length++] = 'x';
    for (byte b : value) {
      bytes[length++] = HEX[(b >> 4) & 0xF];
      bytes[length++] = HEX[b & 0xF];
    }
  }

  /** Ends the current row. */
  public void endRow() {
    ensure(1);
    bytes[length++] = '\n';
    rowStart = length;
    fieldsInRow = 0;
  }

  /** Drops everything written since the last {@link #endRow()}. */
  public void abortRow() {
    length = rowStart;
    fieldsInRow = 0;
  }

  /** Bytes of complete rows plus the current partial row. */
  public int length() {
    return length;
  }

  /** Bytes of complete rows only: what may be sent. */
  public int completeLength() {
    return rowStart;
  }

  /** The backing array; valid from 0 to {@link #completeLength()} for complete rows. */
  public byte[] array() {
    return bytes;
  }

  /**
   * Forgets the complete rows (after they were sent), keeping a partial row if any. A buffer that
   * grew for one huge value shrinks back, so that a 50 MB value does not pin 100 MB for the rest of
   * the chunk.
   */
  public void clearCompleteRows() {
    int partial = length - rowStart;
    if (bytes.length > 4 * initialCapacity && partial <= initialCapacity) {
      byte[] smaller = new byte[initialCapacity];
      System.arraycopy(bytes, rowStart, smaller, 0, partial);
      bytes = smaller;
    } else {
      System.arraycopy(bytes, rowStart, bytes, 0, partial);
    }
    length = partial;
    rowStart = 0;
  }

  private void separator() {
    if (fieldsInRow++ > 0) {
      ensure(1);
      bytes[length++] = '\t';
    }
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }
}
