package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.anonymise.AnonymiseKeys;
import org.moodlemigrate.transforms.CopyChunkFn;
import org.moodlemigrate.transforms.CopyJob;

/**
 * The copy job as Beam serialises it for its workers holds no password: only where a worker finds
 * it (a variable's name, a file's path) and a handle its own JVM can resolve.
 */
class SecretInJobGraphTest {
  private static final String SOURCE_PASSWORD = "src-Pässwörd-7c1e";
  private static final String TARGET_PASSWORD = "tgt-secret-93fa";

  @TempDir Path dir;

  @AfterEach
  void forget() {
    Secret.forgetValuesOfThisJvm();
  }

  private CopyJob job(Secret source, Secret target) {
    return new CopyJob(
        42L,
        new Endpoint(DatabaseKind.MYSQL, "db1", 3306, "moodle", "moodle", Map.of(), source),
        new Endpoint(DatabaseKind.POSTGRESQL, "db2", 5432, "moodle", "moodle", Map.of(), target),
        "moodle_migrate",
        2,
        null,
        null,
        null,
        Map.of());
  }

  private Path passwordFile(String content) throws Exception {
    Path file = dir.resolve("target-password");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static void assertHoldsNeither(byte[] bytes, String... passwords) {
    for (String password : passwords) {
      for (var charset :
          new java.nio.charset.Charset[] {
            StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE
          }) {
        byte[] needle = password.getBytes(charset);
        assertFalse(
            indexOf(bytes, needle) >= 0,
            "the serialised job holds a password (" + charset + ")");
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] serialise(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static Object deserialise(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  @Test
  void theCopyDoFnAsBeamShipsItHoldsNoPassword() throws Exception {
    Secret source =
        new PasswordResolver(Map.of("MM_SOURCE_PASSWORD", SOURCE_PASSWORD))
            .resolve(null, "MM_SOURCE_PASSWORD", "--source-password-file");
    Secret target =
        new PasswordResolver(Map.of())
            .resolve(passwordFile(TARGET_PASSWORD + "\n"), "MM_TARGET_PASSWORD", "--x");
    CopyChunkFn fn = new CopyChunkFn(job(source, target));

    // What Beam compresses (SerializableUtils) is this Java serialisation: searched uncompressed.
    byte[] graph = serialise(fn);
    SerializableUtils.clone(fn);

    assertHoldsNeither(graph, SOURCE_PASSWORD, TARGET_PASSWORD);
    assertTrue(
        indexOf(graph, "MM_SOURCE_PASSWORD".getBytes(StandardCharsets.UTF_8)) >= 0,
        "the job names the variable a worker reads");
  }

  @Test
  void aWorkerInTheSameJvmGetsTheValueTheDriverResolved() throws Exception {
    // The driver's environment here is a map, not the process's: only the handle can find it.
    Secret source =
        new PasswordResolver(Map.of("MM_SOURCE_PASSWORD", SOURCE_PASSWORD))
            .resolve(null, "MM_SOURCE_PASSWORD", "--source-password-file");
    CopyJob copy = (CopyJob) deserialise(serialise(job(source, Secret.none())));
    assertEquals(SOURCE_PASSWORD, copy.source().password().reveal());
    assertEquals("MM_SOURCE_PASSWORD", copy.source().password().origin());
    assertTrue(copy.target().password().isEmpty());
  }

  @Test
  void aWorkerInAnotherJvmReadsTheFileAtTheSamePath() throws Exception {
    Path file = passwordFile(TARGET_PASSWORD + "\r\n");
    Secret target = new PasswordResolver(Map.of()).resolve(file, "MM_TARGET_PASSWORD", "--x");
    byte[] bytes = serialise(target);
    Secret.forgetValuesOfThisJvm();
    assertEquals(TARGET_PASSWORD, ((Secret) deserialise(bytes)).reveal());

    Files.delete(file);
    Secret missing = (Secret) deserialise(bytes);
    IllegalStateException e = assertThrows(IllegalStateException.class, missing::reveal);
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertFalse(e.getMessage().contains(TARGET_PASSWORD));
  }

  @Test
  void aWorkerWithoutTheVariableIsToldToSetItNeverShownTheValue() throws Exception {
    String variable = "MM_TEST_PASSWORD_NOT_SET_ON_WORKERS_" + ProcessHandle.current().pid();
    Secret source =
        new PasswordResolver(Map.of(variable, SOURCE_PASSWORD)).resolve(null, variable, "--x");
    byte[] bytes = serialise(source);
    Secret.forgetValuesOfThisJvm();
    Secret onWorker = (Secret) deserialise(bytes);
    IllegalStateException e = assertThrows(IllegalStateException.class, onWorker::reveal);
    assertTrue(e.getMessage().contains("set " + variable), e.getMessage());
    assertFalse(e.getMessage().contains(SOURCE_PASSWORD));
    assertFalse(onWorker.toString().contains(SOURCE_PASSWORD));
  }

  @Test
  void anEmptyPasswordStaysEmptyAnywhere() throws Exception {
    byte[] bytes = serialise(Secret.none().withOrigin("MM_X is not set"));
    Secret.forgetValuesOfThisJvm();
    Secret onWorker = (Secret) deserialise(bytes);
    assertTrue(onWorker.isEmpty());
    assertEquals("MM_X is not set", onWorker.origin());
  }

  @Test
  void theSandboxsAnonymisationKeysTravelAsWhereToFindThemToo() throws Exception {
    String pseudonymSecret = "pseudonym-key-5d0b-Ωmega";
    PasswordResolver resolver =
        new PasswordResolver(
            Map.of("MM_PSEUDONYM_SECRET", pseudonymSecret, "MM_KEPT_PASSWORD", TARGET_PASSWORD));
    AnonymiseKeys keys =
        AnonymiseKeys.fromSecrets(
            resolver.resolve(null, "MM_PSEUDONYM_SECRET", "--pseudonym-secret-file"),
            resolver.resolve(null, "MM_KEPT_PASSWORD", "--kept-password-file"));
    String before = keys.pseudonym("username", "ann");

    byte[] bytes = serialise(keys);

    assertHoldsNeither(bytes, pseudonymSecret, TARGET_PASSWORD);
    AnonymiseKeys onWorker = SerializableUtils.clone(keys);
    assertEquals(before, onWorker.pseudonym("username", "ann"));
    assertEquals(
        before,
        AnonymiseKeys.of(pseudonymSecret.getBytes(StandardCharsets.UTF_8), null)
            .pseudonym("username", "ann"),
        "the key is the secret's UTF-8 bytes, as before");
  }
}
