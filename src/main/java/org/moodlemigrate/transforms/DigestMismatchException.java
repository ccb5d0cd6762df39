package org.moodlemigrate.transforms;

import java.sql.SQLException;

/**
 * The target's digest of a chunk's rows differs from the source's ({@link CopyDigest}): what was
 * stored is not what was read. The chunk is rolled back and fails (this is no transient failure);
 * the message names the table, the chunk and, where the table has an integer key, the first rows
 * that differ.
 */
final class DigestMismatchException extends SQLException {
  private static final long serialVersionUID = 1L;

  DigestMismatchException(String message) {
    super(message);
  }
}
