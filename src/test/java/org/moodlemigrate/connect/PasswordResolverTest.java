package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordResolverTest {
  @TempDir Path dir;

  @Test
  void takesTheEnvironmentVariable() {
    Secret s =
        new PasswordResolver(Map.of("MM_SOURCE_PASSWORD", "from-env"))
            .resolve(null, "MM_SOURCE_PASSWORD", "--source-password-file");
    assertEquals("from-env", s.reveal());
  }

  @Test
  void aFileWinsOverTheEnvironmentAndLosesItsTrailingNewline() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "from-file\n");
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Secret s =
        new PasswordResolver(Map.of("MM_SOURCE_PASSWORD", "from-env"))
            .resolve(file, "MM_SOURCE_PASSWORD", "--x");
    assertEquals("from-file", s.reveal());
    Files.writeString(file, "crlf\r\nsecond line ignored\n");
    assertEquals("crlf", new PasswordResolver(Map.of()).resolve(file, "V", "--x").reveal());
    Files.writeString(file, "  spaces kept  ");
    assertEquals(
        "  spaces kept  ", new PasswordResolver(Map.of()).resolve(file, "V", "--x").reveal());
  }

  @Test
  void noneWhenNothingIsGiven() {
    assertTrue(new PasswordResolver(Map.of()).resolve(null, "MM_TARGET_PASSWORD", "--x").isEmpty());
  }

  @Test
  void aSecretKnowsWhereItCameFromOrWhereItWasLookedFor() throws Exception {
    assertEquals(
        "MM_TARGET_PASSWORD is not set and no --target-password-file was given",
        new PasswordResolver(Map.of())
            .resolve(null, "MM_TARGET_PASSWORD", "--target-password-file")
            .origin());
    assertEquals(
        "MM_TARGET_PASSWORD",
        new PasswordResolver(Map.of("MM_TARGET_PASSWORD", "x"))
            .resolve(null, "MM_TARGET_PASSWORD", "--target-password-file")
            .origin());
    Path file = dir.resolve("origin-pw");
    Files.writeString(file, "x\n");
    assertTrue(
        new PasswordResolver(Map.of())
            .resolve(file, "V", "--target-password-file")
            .origin()
            .contains(file + " (--target-password-file)"));
  }

  @Test
  void aMissingFileIsAClearErrorThatNamesTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new PasswordResolver(Map.of())
                    .resolve(dir.resolve("nope"), "V", "--target-password-file"));
    assertTrue(e.getMessage().contains("--target-password-file"));
    assertFalse(e.getMessage().contains("nope"), "the value may be a password: not shown");
  }

  @Test
  void aSecretNeverPrintsItsValueEvenSerialised() throws Exception {
    Secret s = Secret.of("hunter2");
    assertEquals("****", s.toString());
    assertFalse(
        String.valueOf(new Endpoint(DatabaseKind.MYSQL, "h", 1, "d", "u", Map.of(), s))
            .contains("hunter2"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    assertTrue(bytes.size() > 0, "Beam ships secrets to workers: it must serialise");
  }
}
