package org.moodlemigrate.casts;

import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a column's value as bytes into an array this reader owns, through nothing but the {@link
 * InputStream#read(byte[], int, int)} contract: the stream copies its bytes into our array, and
 * whatever the stream does with its own buffers afterwards cannot change them.
 *
 * <p>Why not something cleverer. An earlier version captured the array that {@code
 * ByteArrayInputStream.transferTo} passed to its target and kept it as the value. JDK 17 passes the
 * stream's own array in one write, so that worked; JDK 21 and later copy through a temporary array
 * of at most 128 KiB, reused for every piece, so a value above 128 KiB kept a buffer the JDK went
 * on writing into, and arrived with the right length and the wrong bytes. How a JDK class hands a
 * value over is not part of its contract; what {@code read} puts into the caller's array is.
 *
 * <p>The JDBC contract is kept too: a column's stream is read to its end before the next column is
 * read (a driver may invalidate it then).
 *
 * <p>One reader per column and chunk ({@link ValueConverter}s are made per chunk), its array reused
 * from row to row: no allocation per value beyond the driver's own. The array grows to the largest
 * value read and shrinks back after it, so that one 50 MB value does not pin 50 MB for the rest of
 * the chunk. A {@link ByteSlice} it returns is valid until this reader reads again, which for a
 * column is the next row: a large value held by reference in the {@link CopyTextBuffer} is sent
 * before then.
 */
final class ValueBytes {
  private static final int INITIAL = 8 * 1024;

  /** An array this much larger than the value just read is given back. */
  private static final int SHRINK_ABOVE = 4 * CopyTextBuffer.LARGE_VALUE;

  /** The most {@code available()} is believed for sizing the array up front. */
  private static final int MAX_HINT = 64 * 1024 * 1024;

  private byte[] buffer = new byte[INITIAL];

  /** The value of column {@code index} of the current row, or null for SQL NULL. */
  ByteSlice read(ResultSet row, int index) throws SQLException {
    InputStream in = row.getBinaryStream(index);
    if (in == null) {
      return null;
    }
    try (in) {
      return read(in);
    } catch (IOException e) {
      throw new SQLException("cannot read a value's bytes: " + e.getMessage(), e);
    }
  }

  /** Reads {@code in} to its end. */
  ByteSlice read(InputStream in) throws IOException {
    // A hint only (exact for the driver's streams); capped, so that a stream that overstates it
    // cannot make us allocate what the value does not need.
    int hint = Math.min(MAX_HINT, Math.max(0, in.available()));
    if (buffer.length > SHRINK_ABOVE && hint < buffer.length / 4) {
      buffer = new byte[Math.max(INITIAL, hint + 1)];
    }
    ensure(hint + 1); // one byte more than announced, to see the end without growing
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        ensure(length + 1);
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
    }
    if (buffer.length > SHRINK_ABOVE && length < buffer.length / 4) {
      // A value much smaller than the array: keep its bytes in one of its size, for next time too.
      byte[] smaller = new byte[Math.max(INITIAL, length)];
      System.arraycopy(buffer, 0, smaller, 0, length);
      buffer = smaller;
    }
    return new ByteSlice(buffer, 0, length);
  }

  private void ensure(int capacity) {
    if (capacity > buffer.length) {
      long grown = Math.max((long) capacity, (long) buffer.length * 2);
      int size = (int) Math.min(Integer.MAX_VALUE - 16, grown);
      if (size < capacity) {
        throw new OutOfMemoryError("a value larger than " + (Integer.MAX_VALUE - 16) + " bytes");
      }
      byte[] bigger = new byte[size];
      System.arraycopy(buffer, 0, bigger, 0, buffer.length);
      buffer = bigger;
    }
  }
}
