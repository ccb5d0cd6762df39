package org.moodlemigrate.transforms;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The keys of the rows sent in one attempt at a chunk, in COPY line order, so that a COPY error at
 * line {@code n} names its row. Eight bytes a row, in memory up to {@value #IN_MEMORY} rows (8 MB),
 * then in a temporary file: a chunk's memory stays bounded whatever the chunk holds, even when the
 * row estimate that sized it was far off. The file is the process owner's only and is deleted with
 * the log.
 */
final class KeyLog implements AutoCloseable {
  static final int IN_MEMORY = 1 << 20;

  private final int inMemory;
  private long[] keys = new long[1024];
  private int kept;
  private long count;
  private Path file;
  private DataOutputStream spill;
  private RandomAccessFile reader;

  KeyLog() {
    this(IN_MEMORY);
  }

  /** For tests: spill after {@code inMemory} keys. */
  KeyLog(int inMemory) {
    this.inMemory = inMemory;
  }

  /** Forgets every key, for another attempt; keeps the file, to be written again. */
  void reset() {
    kept = 0;
    count = 0;
    closeSpill();
    deleteFile();
  }

  /** Adds the key of the next line. */
  void add(long key) {
    if (kept < inMemory) {
      if (kept == keys.length) {
        keys = Arrays.copyOf(keys, Math.min(inMemory, kept * 2));
      }
      keys[kept++] = key;
    } else {
      try {
        if (spill == null) {
          file = Files.createTempFile("moodle-migrate-keys-", ".bin");
          spill = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
        }
        spill.writeLong(key);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot spill the keys of a large chunk to a file", e);
      }
    }
    count++;
  }

  /** How many keys were added. */
  long size() {
    return count;
  }

  /** The key of line {@code line} (1-based); the line must exist. */
  long get(long line) {
    long i = line - 1;
    if (i < kept) {
      return keys[(int) i];
    }
    try {
      if (spill != null) {
        spill.flush();
      }
      if (reader == null) {
        reader = new RandomAccessFile(file.toFile(), "r");
      }
      reader.seek((i - kept) * Long.BYTES);
      return reader.readLong();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back a spilled key", e);
    }
  }

  @Override
  public void close() {
    closeSpill();
    deleteFile();
  }

  private void closeSpill() {
    try {
      if (spill != null) {
        spill.close();
      }
      if (reader != null) {
        reader.close();
      }
    } catch (IOException e) {
      // The file is deleted next; nothing of it is needed.
    }
    spill = null;
    reader = null;
  }

  private void deleteFile() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file: the system's cleaning takes it.
      }
      file = null;
    }
  }
}
