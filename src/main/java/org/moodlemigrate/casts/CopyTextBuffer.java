package org.moodlemigrate.casts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * byte[] per value. Large values ({@value #LARGE_VALUE} bytes and more) are not copied into it: the
 * buffer keeps a reference to the column reader's array ({@link ValueBytes}) and encodes them into
 * the COPY stream when their row is sent, so memory does not grow by a multiple of the largest
 * value. A row is only complete after {@link #endRow()}; {@link #abortRow()} drops a half-written
 * row (a value was rejected), so a row is never half sent.
 */
public final class CopyTextBuffer {
  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final int MAX_STEP = 4 * 1024 * 1024;

  /**
   * Values of this many bytes or more are not copied into the buffer but sent from their source
   * bytes with their row ({@link #appendLargeUtf8}).
   */
  public static final int LARGE_VALUE = 256 * 1024;

  /** Text of this many chars or more is measured before it is written. */
  private static final int LARGE = 64 * 1024;

  private final int initialCapacity;
  private byte[] bytes;
  private int length;
  private int rowStart;
  private int fieldsInRow;
  private final List<LargeValue> large = new ArrayList<>();

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
    // Small values: room for the worst case (3 bytes a char). Large ones: the exact size, so that a
    // 50 MB value never makes the buffer double past what it needs.
    ensure(n < LARGE ? 3 * n : encodedLength(s));
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
   * Writes text that is already UTF-8 (as MySQL sends utf8mb4 columns), escaped for COPY, without
   * decoding it: in UTF-8 the bytes of the characters COPY escapes never occur inside a multi-byte
   * character. The caller has checked that it is valid UTF-8 without NUL.
   */
  public void appendUtf8(byte[] utf8, int offset, int count) {
    separator();
    int end = offset + count;
    int escapes = 0;
    for (int i = offset; i < end; i++) {
      if (needsEscape(utf8[i])) {
        escapes++;
      }
    }
    ensure(count + escapes);
    if (escapes == 0) {
      System.arraycopy(utf8, offset, bytes, length, count);
      length += count;
      return;
    }
    length = escape(utf8, offset, end, bytes, length);
  }

  private static boolean needsEscape(byte b) {
    return b == '\\' || b == '\n' || b == '\r' || b == '\t';
  }

  /** Escapes {@code src[from, to)} into {@code dst} at {@code at}; returns the new end. */
  private static int escape(byte[] src, int from, int to, byte[] dst, int at) {
    int d = at;
    for (int i = from; i < to; i++) {
      byte b = src[i];
      switch (b) {
        case '\\' -> {
          dst[d++] = '\\';
          dst[d++] = '\\';
        }
        case '\n' -> {
          dst[d++] = '\\';
          dst[d++] = 'n';
        }
        case '\r' -> {
          dst[d++] = '\\';
          dst[d++] = 'r';
        }
        case '\t' -> {
          dst[d++] = '\\';
          dst[d++] = 't';
        }
        default -> dst[d++] = b;
      }
    }
    return d;
  }

  /**
   * Like {@link #appendUtf8}, for a value too large to copy: it is escaped and sent straight from
   * {@code utf8} when its row is sent, in {@link #writeCompleteRows}. The caller must send the row
   * before {@code utf8} changes (before its column's {@link ValueBytes} reads the next row); {@link
   * #hasLargeValues()} tells it to.
   */
  public void appendLargeUtf8(byte[] utf8, int offset, int count) {
    separator();
    large.add(new LargeValue(length, utf8, offset, count, false));
  }

  /** Like {@link #appendBytea(byte[], int, int)}, sent later as {@link #appendLargeUtf8} is. */
  public void appendLargeBytea(byte[] value, int offset, int count) {
    separator();
    ensure(3);
    bytes[length++] = '\\';
    bytes[length++] = '\\';
    bytes[length++] = 'x';
    large.add(new LargeValue(length, value, offset, count, true));
  }

  /** Whether complete or partial rows hold large values not yet sent. */
  public boolean hasLargeValues() {
    return !large.isEmpty();
  }

  /** The COPY bytes {@link #appendText} writes for {@code s} (surrogate pairs counted as 4). */
  private static int encodedLength(CharSequence s) {
    long total = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        total += c == '\\' || c == '\n' || c == '\r' || c == '\t' ? 2 : 1;
      } else if (c < 0x800 || Character.isSurrogate(c)) {
        total += 2; // a surrogate pair: 2 + 2 = the 4 bytes of its code point
      } else {
        total += 3;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE - 16, total);
  }

  /**
   * Writes binary data as a {@code bytea} hex literal. In COPY text the literal's own backslash
   * must itself be escaped, hence {@code \\x}.
   */
  public void appendBytea(byte[] value) {
    appendBytea(value, 0, value.length);
  }

  /** Writes {@code value[offset, offset + count)} as a {@code bytea} hex literal. */
  public void appendBytea(byte[] value, int offset, int count) {
    separator();
    ensure(3 + 2 * count);
    bytes[length++] = '\\';
    bytes[length++] = '\\';
    bytes[length++] = 'x';
    length = hex(value, offset, offset + count, bytes, length);
  }

  private static int hex(byte[] src, int from, int to, byte[] dst, int at) {
    int d = at;
    for (int i = from; i < to; i++) {
      byte b = src[i];
      dst[d++] = HEX[(b >> 4) & 0xF];
      dst[d++] = HEX[b & 0xF];
    }
    return d;
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
    large.removeIf(v -> v.position() >= rowStart);
  }

  /** Receives COPY data: {@code CopyIn::writeToCopy}. */
  @FunctionalInterface
  public interface ByteSink {
    void write(byte[] data, int offset, int length) throws java.sql.SQLException;
  }

  /**
   * Sends the complete rows to {@code sink}, large values streamed from their source bytes through
   * a small scratch array, then forgets them ({@link #clearCompleteRows()}). Returns the bytes
   * sent.
   */
  public long writeCompleteRows(ByteSink sink) throws java.sql.SQLException {
    long sent = 0;
    int from = 0;
    List<LargeValue> later = new ArrayList<>();
    for (LargeValue v : large) {
      if (v.position() >= rowStart) {
        later.add(v);
        continue;
      }
      sink.write(bytes, from, v.position() - from);
      sent += v.position() - from;
      sent += v.writeTo(sink);
      from = v.position();
    }
    sink.write(bytes, from, rowStart - from);
    sent += rowStart - from;
    int shift = rowStart;
    large.clear();
    for (LargeValue v : later) {
      large.add(v.shifted(-shift));
    }
    clearCompleteRows();
    return sent;
  }

  /**
   * A large value held by reference until its row is sent.
   *
   * @param position where it goes in {@link #bytes}
   * @param source the value's bytes
   * @param offset where it starts in {@code source}
   * @param count its length
   * @param bytea hex-encoded as bytea, rather than escaped as UTF-8 text
   */
  private record LargeValue(int position, byte[] source, int offset, int count, boolean bytea) {
    private static final int SCRATCH = 256 * 1024;

    LargeValue shifted(int by) {
      return new LargeValue(position + by, source, offset, count, bytea);
    }

    long writeTo(ByteSink sink) throws java.sql.SQLException {
      byte[] scratch = new byte[SCRATCH];
      int step = SCRATCH / 2; // each source byte becomes at most two
      long sent = 0;
      for (int from = offset, end = offset + count; from < end; from += step) {
        int to = Math.min(end, from + step);
        int n = bytea ? hex(source, from, to, scratch, 0) : escape(source, from, to, scratch, 0);
        sink.write(scratch, 0, n);
        sent += n;
      }
      return sent;
    }
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

  /**
   * Makes room for {@code extra} more bytes: doubling while the buffer is small, then in steps of
   * at most {@value #MAX_STEP} bytes; a large value gets its exact size plus one step, so that the
   * fields and the newline after a 60 MB value do not copy it again.
   */
  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      int step = Math.min(bytes.length, MAX_STEP);
      int needed = length + extra;
      int size = extra > MAX_STEP ? needed + MAX_STEP : Math.max(bytes.length + step, needed);
      bytes = Arrays.copyOf(bytes, size);
    }
  }
}
