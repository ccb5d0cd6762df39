package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS files an endpoint names, and the worker's check that they are on its machine. */
class EndpointFilesTest {
  private static Endpoint endpoint(DatabaseKind kind, Map<String, String> parameters) {
    return new Endpoint(kind, "db", kind.defaultPort(), "moodle", "moodle", parameters, null);
  }

  @Test
  void theFilesOfBothDriversAreFoundInTheirParameters() {
    Endpoint pg =
        endpoint(
            DatabaseKind.POSTGRESQL,
            Map.of("sslmode", "verify-full", "sslrootcert", "/etc/mm/root.crt"));
    assertEquals(
        List.of(new EndpointFiles.NamedFile("sslrootcert", Path.of("/etc/mm/root.crt"))),
        EndpointFiles.of(pg));
    assertEquals(
        List.of(),
        EndpointFiles.of(endpoint(DatabaseKind.POSTGRESQL, Map.of("sslrootcert", "system"))));
    Endpoint mysql =
        endpoint(
            DatabaseKind.MYSQL,
            Map.of("sslMode", "VERIFY_IDENTITY", "trustCertificateKeyStoreUrl", "file:/etc/mm/ca.jks"));
    assertEquals(
        List.of(
            new EndpointFiles.NamedFile("trustCertificateKeyStoreUrl", Path.of("/etc/mm/ca.jks"))),
        EndpointFiles.of(mysql));
    assertEquals(
        List.of(
            new EndpointFiles.NamedFile("trustCertificateKeyStoreUrl", Path.of("/etc/mm/ca.jks"))),
        EndpointFiles.of(
            endpoint(
                DatabaseKind.MYSQL,
                Map.of("trustCertificateKeyStoreUrl", "file:///etc/mm/ca.jks"))));
    assertEquals(
        List.of(),
        EndpointFiles.of(
            endpoint(
                DatabaseKind.MYSQL,
                Map.of("trustCertificateKeyStoreUrl", "https://vault/ca.jks"))));
  }

  @Test
  void aWorkerWithoutTheFileSaysWhichParameterPathAndMachine(@TempDir Path dir) throws Exception {
    Path present = Files.writeString(dir.resolve("root.crt"), "certificate");
    EndpointFiles.requireOnThisMachine(
        endpoint(DatabaseKind.POSTGRESQL, Map.of("sslrootcert", present.toString())), "target");
    Path absent = dir.resolve("ca.jks");
    WorkerEnvironmentException e =
        assertThrows(
            WorkerEnvironmentException.class,
            () ->
                EndpointFiles.requireOnThisMachine(
                    endpoint(
                        DatabaseKind.MYSQL,
                        Map.of("trustCertificateKeyStoreUrl", "file:" + absent)),
                    "source"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the source's trustCertificateKeyStoreUrl names " + absent + ", which does not"
                    + " exist on "),
        e.getMessage());
    assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    assertTrue(e.getMessage().contains("each Flink task manager"), e.getMessage());
  }
}
