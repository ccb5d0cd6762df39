package org.moodlemigrate.casts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A value's bytes where the driver already holds them: an array, an offset and a length, read
 * without copying.
 *
 * <p>Connector/J's {@code getBytes} copies a value out of the row it read; for a 50 MB blob that is
 * 50 MB more heap. Its {@code getBinaryStream} wraps the row's own array in a {@link
 * ByteArrayInputStream}, whose {@code transferTo} hands that array to the target stream in one
 * write: {@link #read} catches that write and keeps a view. Should a stream ever deliver its bytes
 * in pieces, they are gathered into an array of their own, so the result is right either way. A
 * view is only valid until the result set moves to the next row; converters use it at once, and a
 * large value is sent before the next row is read ({@link CopyTextBuffer#appendLargeUtf8}).
 *
 * @param array the bytes
 * @param offset where the value starts in {@code array}
 * @param length its length
 */
record ByteSlice(byte[] array, int offset, int length) {

  /** The value of column {@code index}, or null for SQL NULL. */
  static ByteSlice read(ResultSet row, int index) throws SQLException {
    InputStream in = row.getBinaryStream(index);
    if (in == null) {
      return null;
    }
    try {
      if (in instanceof ByteArrayInputStream) {
        Capture capture = new Capture();
        in.transferTo(capture);
        return capture.slice();
      }
      byte[] all = in.readAllBytes();
      return new ByteSlice(all, 0, all.length);
    } catch (IOException e) {
      throw new SQLException("cannot read a value's bytes: " + e.getMessage(), e);
    }
  }

  /** A copy of the bytes, for the rare paths that need an array of their own. */
  byte[] copy() {
    byte[] out = new byte[length];
    System.arraycopy(array, offset, out, 0, length);
    return out;
  }

  /** Keeps the one write {@code transferTo} makes; gathers the pieces if there are several. */
  private static final class Capture extends OutputStream {
    private byte[] array = new byte[0];
    private int offset;
    private int length;
    private ByteArrayOutputStream pieces;
    private boolean written;

    @Override
    public void write(byte[] b, int off, int len) {
      if (!written) {
        array = b;
        offset = off;
        length = len;
        written = true;
        return;
      }
      gather().write(b, off, len);
    }

    @Override
    public void write(int b) {
      gather().write(b);
    }

    private ByteArrayOutputStream gather() {
      if (pieces == null) {
        pieces = new ByteArrayOutputStream(Math.max(32, length * 2));
        pieces.write(array, offset, length);
        written = true;
      }
      return pieces;
    }

    ByteSlice slice() {
      if (pieces != null) {
        byte[] all = pieces.toByteArray();
        return new ByteSlice(all, 0, all.length);
      }
      return new ByteSlice(array, offset, length);
    }
  }
}
