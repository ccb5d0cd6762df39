package org.moodlemigrate.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDirectoryTest {

  @Test
  void createsAFreshFolderAndDeletesItWithEverythingInside() throws IOException {
    Path folder = ScratchDirectory.create("mm-test-");
    try {
      assertTrue(Files.isDirectory(folder));
      Path nested = Files.createDirectories(folder.resolve("data/mysql"));
      Files.writeString(nested.resolve("ibdata1"), "x");
      Files.createSymbolicLink(folder.resolve("link"), nested);
    } finally {
      ScratchDirectory.delete(folder);
    }
    assertFalse(Files.exists(folder));
  }

  @Test
  void aFolderThatIsAlreadyGoneIsFine() throws IOException {
    Path folder = ScratchDirectory.create("mm-test-");
    Files.delete(folder);
    ScratchDirectory.delete(folder);
    assertFalse(Files.exists(folder));
  }

  @Test
  void everyCallGetsANewFolder() throws IOException {
    Path first = ScratchDirectory.create("mm-test-");
    Path second = ScratchDirectory.create("mm-test-");
    try {
      assertFalse(first.equals(second));
    } finally {
      ScratchDirectory.delete(first);
      ScratchDirectory.delete(second);
    }
  }
}
