package org.moodlemigrate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFilesTest {

  private static final String TEXT = "SELECT 'Grüße';\n";

  @TempDir Path folder;

  @Test
  void readsPlainFiles() throws IOException {
    Path file = Files.write(folder.resolve("plain.sql"), TEXT.getBytes(StandardCharsets.UTF_8));
    assertEquals(TEXT, read(file));
  }

  @Test
  void recognisesGzipByContentNotName() throws IOException {
    Path file = folder.resolve("compressed.sql");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(TEXT.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(TEXT, read(file));
  }

  @Test
  void invalidUtf8FailsInsteadOfBecomingReplacementCharacters() throws IOException {
    Path file =
        Files.write(folder.resolve("latin1.sql"), TEXT.getBytes(StandardCharsets.ISO_8859_1));
    assertThrows(CharacterCodingException.class, () -> read(file));
  }

  @Test
  void iso88591MapsEveryByteToOneChar() throws IOException {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Path file = Files.write(folder.resolve("binary.sql"), bytes);
    try (Reader reader = DumpFiles.open(file, StandardCharsets.ISO_8859_1)) {
      for (int i = 0; i < bytes.length; i++) {
        assertEquals(i, reader.read());
      }
    }
  }

  private static String read(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Reader reader = DumpFiles.open(file, StandardCharsets.UTF_8)) {
      char[] buffer = new char[8];
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        text.append(buffer, 0, n);
      }
    }
    return text.toString();
  }
}
