package org.moodlemigrate.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A 128-bit checksum of canonical rows, computed the same way on both sides.
 *
 * <p>A row is encoded without ambiguity: the key (8 bytes, when rows have one), then per cell a tag
 * byte (0 = NULL, 1 = value), the value's length (4 bytes) and its canonical bytes. So {@code
 * ("ab", "c")} and {@code ("a", "bc")} differ, and NULL, the empty string and the text {@code NULL}
 * are three different cells.
 *
 * <p>{@link #ordered()} digests the rows in the order given (rows ordered by key: a chunk of a
 * table with an integer key); {@link #unordered()} adds up the rows' own digests modulo
 * 2<sup>128</sup>, which does not depend on the order, for tables whose rows have no order both
 * servers agree on. Either way the checksum comes with the number of rows. MD5 is used for speed:
 * the digest guards against accidents, not against someone forging rows.
 */
public final class ContentDigest {
  private final boolean ordered;
  private final MessageDigest md5;
  private final byte[] scratch = new byte[8];
  private long high;
  private long low;
  private long rows;

  private ContentDigest(boolean ordered) {
    this.ordered = ordered;
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  /** A digest of rows in a fixed order. */
  public static ContentDigest ordered() {
    return new ContentDigest(true);
  }

  /** A digest of a multiset of rows: the order they come in does not matter. */
  public static ContentDigest unordered() {
    return new ContentDigest(false);
  }

  /** Adds a row with an integer key. */
  public void add(long key, byte[][] cells) {
    putLong(key);
    putCells(cells);
    endRow();
  }

  /** Adds a row without a key. */
  public void add(byte[][] cells) {
    putCells(cells);
    endRow();
  }

  private void putLong(long v) {
    for (int i = 7; i >= 0; i--) {
      scratch[i] = (byte) v;
      v >>>= 8;
    }
    md5.update(scratch, 0, 8);
  }

  private void putCells(byte[][] cells) {
    for (byte[] cell : cells) {
      if (cell == null) {
        md5.update((byte) 0);
      } else {
        md5.update((byte) 1);
        int n = cell.length;
        scratch[0] = (byte) (n >>> 24);
        scratch[1] = (byte) (n >>> 16);
        scratch[2] = (byte) (n >>> 8);
        scratch[3] = (byte) n;
        md5.update(scratch, 0, 4);
        md5.update(cell);
      }
    }
  }

  private void endRow() {
    rows++;
    if (ordered) {
      return;
    }
    byte[] d = md5.digest(); // and resets for the next row
    long h = 0;
    long l = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
      l = (l << 8) | (d[i + 8] & 0xff);
    }
    long sum = low + l;
    high += h + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
  }

  /** How many rows were added. */
  public long rows() {
    return rows;
  }

  /** The checksum as 32 hex digits. Ends an ordered digest: call it once, after the last row. */
  public String hex() {
    if (ordered) {
      return HexFormat.of().formatHex(md5.digest());
    }
    return String.format("%016x%016x", high, low);
  }
}
