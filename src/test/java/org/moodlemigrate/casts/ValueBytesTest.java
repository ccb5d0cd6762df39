package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ValueBytes} gives back exactly the bytes of the stream, however the stream hands them
 * over: all at once, in pieces of any size, with an {@code available()} that says nothing or too
 * much, and around the sizes at which the JDK's own streams change how they copy (128 KiB pieces in
 * JDK 21+ {@code transferTo}).
 */
class ValueBytesTest {
  private static final int KIB = 1024;

  @Test
  void readsByteArrayStreamsOfEverySizeAroundTheJdksPieceSize() throws IOException {
    ValueBytes reader = new ValueBytes();
    Random random = new Random(1);
    for (int size :
        new int[] {
          0, 1, 8191, 8192, 8193, 128 * KIB - 1, 128 * KIB, 128 * KIB + 1, 3 * KIB * KIB
        }) {
      byte[] value = random(random, size);
      assertSlice(value, reader.read(new ByteArrayInputStream(value)));
    }
  }

  @Test
  void readsAStreamThatDeliversInRandomPiecesAndReusesItsOwnBuffer() throws IOException {
    ValueBytes reader = new ValueBytes();
    Random random = new Random(2);
    for (int i = 0; i < 200; i++) {
      byte[] value = random(random, random.nextInt(600 * KIB));
      assertSlice(value, reader.read(new PieceStream(value, random, random.nextBoolean())));
    }
  }

  @Test
  void aSmallValueAfterAHugeOneIsRightAndTheArrayShrinks() throws IOException {
    ValueBytes reader = new ValueBytes();
    Random random = new Random(3);
    byte[] huge = random(random, 5 * KIB * KIB);
    ByteSlice first = reader.read(new ByteArrayInputStream(huge));
    assertSlice(huge, first);
    byte[] small = random(random, 100);
    ByteSlice second = reader.read(new ByteArrayInputStream(small));
    assertSlice(small, second);
    assertEquals(true, second.array().length < KIB * KIB, "array length " + second.array().length);
  }

  @Test
  void aSliceIsTheReadersOwnArrayNotTheStreams() throws IOException {
    byte[] value = random(new Random(4), 200 * KIB);
    byte[] copy = value.clone();
    ValueBytes reader = new ValueBytes();
    ByteSlice slice = reader.read(new ByteArrayInputStream(value));
    Arrays.fill(value, (byte) 0); // the driver moving on to the next row
    assertSlice(copy, slice);
  }

  private static void assertSlice(byte[] expected, ByteSlice slice) {
    assertEquals(expected.length, slice.length());
    assertArrayEquals(expected, slice.copy());
  }

  private static byte[] random(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  /**
   * Hands its bytes over in random pieces through a small buffer of its own, scribbled over after
   * each read, and reports 0 or far too much as available.
   */
  private static final class PieceStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private final boolean overstate;
    private final byte[] own = new byte[4096];
    private int pos;

    PieceStream(byte[] data, Random random, boolean overstate) {
      this.data = data;
      this.random = random;
      this.overstate = overstate;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(own.length));
      System.arraycopy(data, pos, own, 0, n);
      System.arraycopy(own, 0, b, off, n);
      Arrays.fill(own, (byte) 0x5A);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return overstate ? data.length * 3 + 17 : 0;
    }
  }
}
