package org.moodlemigrate.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The source side of the copy digest ({@link CopyDigest}) for one row: reads the row's covered
 * values a second time from the driver, into arrays of its own (never the converters' {@link
 * ValueBytes}, so that a fault in the copy's reading cannot hide from its own check), writes their
 * canonical text into a scratch array and hashes it as PostgreSQL's {@code hashtextextended} would
 * ({@link PgHash}).
 *
 * <p>Memory stays bounded by the row's small values: a text of {@value #LARGE} bytes or more is
 * written as {@code M} and its MD5 (as the target's expression does too), streamed through the MD5
 * a piece at a time; a binary value is always written as its MD5, the same way.
 *
 * <p>Each value is read right after its converter read it ({@link #column}), in column order:
 * Connector/J finds a column of its text row by skipping the ones before it from the last one read,
 * so reading the row a second time from its start would cost a scan per column.
 *
 * <p>One per chunk attempt; the arrays are reused row to row.
 */
final class RowHasher {
  private static final byte SEPARATOR = 0x01;
  private static final byte NULL = 0x02;
  private static final HexFormat HEX = HexFormat.of();

  /** Text this long or longer is printed as {@code M<md5>} ({@link CopyDigest}). */
  static final int LARGE = 256 * 1024;

  private final CopyDigest digest;
  private final CopyDigest.Field[] byIndex;
  private final MessageDigest md5;
  private byte[] buf = new byte[1024];
  private int len;
  private byte[] value = new byte[8 * 1024];

  private boolean first;

  RowHasher(CopyDigest digest) {
    this.digest = digest;
    int last = digest.fields().stream().mapToInt(CopyDigest.Field::index).max().orElse(0);
    this.byIndex = new CopyDigest.Field[last + 1];
    digest.fields().forEach(f -> byIndex[f.index()] = f);
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  /** Starts a row. */
  void start() {
    len = 0;
    first = true;
  }

  /**
   * Adds column {@code index} (1-based, in the copy's SELECT) of the current row, if the digest
   * covers it; call for every column in order, after its converter.
   *
   * @throws IllegalArgumentException when a value cannot be printed canonically (then the chunk is
   *     not digested)
   */
  void column(ResultSet rs, int index) throws SQLException {
    CopyDigest.Field f = index < byIndex.length ? byIndex[index] : null;
    if (f == null) {
      return;
    }
    if (!first) {
      put(SEPARATOR);
    }
    first = false;
    field(rs, f);
  }

  /** The row's hash, once every column was added. */
  long finish() {
    return PgHash.bytesExtended(buf, 0, len, 0);
  }

  /** The current row's hash, reading its columns in order (to find which rows differ). */
  long hash(ResultSet rs) throws SQLException {
    start();
    for (CopyDigest.Field f : digest.fields()) {
      column(rs, f.index());
    }
    return finish();
  }

  private void field(ResultSet rs, CopyDigest.Field f) throws SQLException {
    int i = f.index();
    switch (f.kind()) {
      case TEXT -> {
        InputStream in = rs.getBinaryStream(i);
        if (in == null) {
          put(NULL);
        } else {
          text(in);
        }
      }
      case BYTES -> {
        InputStream in = rs.getBinaryStream(i);
        if (in == null) {
          put(NULL);
        } else {
          md5.reset();
          int n = 0;
          try (in) {
            while ((n = in.read(value, 0, value.length)) >= 0) {
              md5.update(value, 0, n);
            }
          } catch (IOException e) {
            throw new SQLException("cannot read a value's bytes: " + e.getMessage(), e);
          }
          ascii(HEX.formatHex(md5.digest()));
        }
      }
      case BITS -> {
        byte[] b = rs.getBytes(i);
        if (b == null) {
          put(NULL);
        } else {
          ascii(new BigInteger(1, b).toString());
        }
      }
      case INTEGER -> {
        if (f.scale() < 0) { // wider than a long: bigint unsigned
          String s = rs.getString(i);
          if (s == null) {
            put(NULL);
          } else {
            ascii(new BigInteger(s.strip()).toString());
          }
        } else {
          byte[] raw = rs.getBytes(i);
          if (raw == null) {
            put(NULL);
          } else if (!decimal(raw)) {
            digits(rs.getLong(i)); // not as PostgreSQL prints it (ZEROFILL): as its value
          }
        }
      }
      default -> {
        String s = rs.getString(i);
        if (s == null) {
          put(NULL);
        } else {
          ascii(text(f, s));
        }
      }
    }
  }

  /** {@code <length>:<bytes>}, or {@code M<md5>} for a value of {@value #LARGE} bytes or more. */
  private void text(InputStream in) throws SQLException {
    int n = 0;
    boolean large = false;
    try (in) {
      while (true) {
        if (n == value.length) {
          if (n >= LARGE) {
            if (!large) {
              md5.reset();
              large = true;
            }
            md5.update(value, 0, n);
            n = 0;
          } else {
            value = Arrays.copyOf(value, Math.min(LARGE, value.length * 2));
          }
        }
        int r = in.read(value, n, value.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      throw new SQLException("cannot read a value's bytes: " + e.getMessage(), e);
    }
    if (large) {
      md5.update(value, 0, n);
      put((byte) 'M');
      ascii(HEX.formatHex(md5.digest()));
    } else if (n >= LARGE) {
      md5.reset();
      md5.update(value, 0, n);
      put((byte) 'M');
      ascii(HEX.formatHex(md5.digest()));
    } else {
      digits(n);
      put((byte) ':');
      put(value, n);
    }
  }

  /** The canonical text of a value read with {@code getString}. */
  static String text(CopyDigest.Field f, String s) {
    return switch (f.kind()) {
      case DECIMAL -> {
        try {
          yield new BigDecimal(s.strip())
              .setScale(f.scale(), RoundingMode.UNNECESSARY)
              .toPlainString();
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException("a decimal finer than its column's scale: " + s, e);
        }
      }
      case DATE -> {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
          throw new IllegalArgumentException("not a date: " + s);
        }
        yield s.substring(0, 10);
      }
      case TIMESTAMP -> micros(s);
      default -> s;
    };
  }

  /** {@code YYYY-MM-DD HH:MM:SS.ffffff}, from the driver's text with any number of digits. */
  static String micros(String s) {
    String t = s.replace('T', ' ');
    int dot = t.indexOf('.');
    String whole = dot < 0 ? t : t.substring(0, dot);
    String fraction = dot < 0 ? "" : t.substring(dot + 1);
    if (whole.length() != 19 || !fraction.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("not a timestamp: " + s);
    }
    if (fraction.length() > 6) {
      if (fraction.substring(6).chars().anyMatch(c -> c != '0')) {
        throw new IllegalArgumentException("a timestamp finer than microseconds: " + s);
      }
      fraction = fraction.substring(0, 6);
    }
    return whole + "." + fraction + "000000".substring(fraction.length());
  }

  /**
   * Adds an integer's bytes as the source sent them when they are already its canonical text, as
   * PostgreSQL prints the stored value ({@code -?(0|[1-9][0-9]*)}, which is what MySQL's text
   * protocol sends for every integer column but a {@code ZEROFILL} one); says whether they were.
   * Spares parsing the value and printing it again: an integer is most of a Moodle row's columns.
   */
  private boolean decimal(byte[] raw) {
    int n = raw.length;
    if (n == 0 || n > 20) {
      return false; // empty, or longer than any long
    }
    int i = raw[0] == '-' ? 1 : 0;
    if (i == n || (raw[i] == '0' && (n - i > 1 || i == 1))) {
      return false; // "-", a leading zero, "-0"
    }
    for (int k = i; k < n; k++) {
      if (raw[k] < '0' || raw[k] > '9') {
        return false;
      }
    }
    if (n - i >= 19) {
      // As long as Long.MAX_VALUE: only the value itself says whether it fits.
      try {
        Long.parseLong(new String(raw, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        return false;
      }
    }
    put(raw, n);
    return true;
  }

  /** Adds a number's decimal digits, as {@link Long#toString(long)} prints them. */
  private void digits(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int a = start, b = len - 1; a < b; a++, b--) {
      byte t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void put(byte[] b, int n) {
    ensure(n);
    System.arraycopy(b, 0, buf, len, n);
    len += n;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  /** For tests: the canonical text of the last row hashed. */
  String lastText() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }
}
