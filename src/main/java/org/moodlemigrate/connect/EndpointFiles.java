package org.moodlemigrate.connect;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files an endpoint's driver parameters name (TLS trust and key stores, certificates, keys),
 * and whether they are on this machine.
 *
 * <p>The drivers read them where the connection is made: on a cluster that is each task manager,
 * not the machine the run was started on, so a path that holds on the driver may name nothing on
 * a worker, and the driver's own error then says only that TLS could not be set up. The copy's
 * workers check them before they connect ({@code CopyChunkFn}) and name the parameter, the path
 * and the machine.
 */
public final class EndpointFiles {
  /** PostgreSQL JDBC parameters that hold a path ({@code sslrootcert=system} is not one). */
  private static final Set<String> POSTGRESQL_PATHS = Set.of("sslrootcert", "sslcert", "sslkey");

  /** Connector/J parameters that hold a {@code file:} URL (or a path). */
  private static final Set<String> MYSQL_URLS =
      Set.of("trustCertificateKeyStoreUrl", "clientCertificateKeyStoreUrl");

  /** Connector/J parameters that hold a path. */
  private static final Set<String> MYSQL_PATHS = Set.of("serverRSAPublicKeyFile");

  private EndpointFiles() {}

  /** A parameter that names a file, and the file. */
  public record NamedFile(String parameter, Path path) {}

  /** The files the endpoint's parameters name, on any machine. */
  public static List<NamedFile> of(Endpoint endpoint) {
    List<NamedFile> files = new ArrayList<>();
    for (Map.Entry<String, String> p : endpoint.parameters().entrySet()) {
      String key = p.getKey();
      String value = p.getValue();
      if (value == null || value.isBlank()) {
        continue;
      }
      if (endpoint.kind() == DatabaseKind.POSTGRESQL) {
        if (POSTGRESQL_PATHS.contains(key) && !"system".equals(value)) {
          files.add(new NamedFile(key, Path.of(value)));
        }
      } else if (MYSQL_PATHS.contains(key)) {
        files.add(new NamedFile(key, Path.of(value)));
      } else if (MYSQL_URLS.contains(key)) {
        Path path = fileUrlPath(value);
        if (path != null) {
          files.add(new NamedFile(key, path));
        }
      }
    }
    return files;
  }

  /**
   * Fails when a file the endpoint names is not readable on this machine.
   *
   * @param side {@code source} or {@code target}, for the message
   * @throws WorkerEnvironmentException naming the parameter, the path and this machine
   */
  public static void requireOnThisMachine(Endpoint endpoint, String side) {
    for (NamedFile f : of(endpoint)) {
      if (!Files.isReadable(f.path())) {
        throw new WorkerEnvironmentException(
            "the "
                + side
                + "'s "
                + f.parameter()
                + " names "
                + f.path()
                + ", which "
                + (Files.exists(f.path()) ? "cannot be read" : "does not exist")
                + " on "
                + WorkerEnvironmentException.thisMachine()
                + ": every machine that copies (each Flink task manager) needs the file at the"
                + " same path");
      }
    }
  }

  /** The path of a {@code file:} URL or a plain path; null for another scheme (http:, …). */
  private static Path fileUrlPath(String value) {
    if (!value.contains(":") || value.startsWith("/")) {
      return Path.of(value);
    }
    try {
      URI uri = URI.create(value);
      if (!"file".equalsIgnoreCase(uri.getScheme())) {
        return null;
      }
      String path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
      return Path.of(path);
    } catch (IllegalArgumentException e) {
      return Path.of(value.substring(value.indexOf(':') + 1));
    }
  }
}
