package org.moodlemigrate.casts;

/**
 * A value's bytes in part of an array: an array, an offset and a length. Made by {@link
 * ValueBytes}, whose array it views: valid until that reader reads the next value.
 *
 * @param array the bytes
 * @param offset where the value starts in {@code array}
 * @param length its length
 */
record ByteSlice(byte[] array, int offset, int length) {

  /** A copy of the bytes, for the rare paths that need an array of their own. */
  byte[] copy() {
    byte[] out = new byte[length];
    System.arraycopy(array, offset, out, 0, length);
    return out;
  }
}
