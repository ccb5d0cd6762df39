package org.moodlemigrate.connect;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A password that cannot leak by accident, neither in a log nor in a serialised job.
 *
 * <p>Its {@link #toString()} never shows the value, so a secret that ends up in a log message, an
 * exception, a report or a debugger's variable view prints as {@code ****}. The value is only
 * reachable through {@link #reveal()}, which is called only where a JDBC connection or pool is
 * configured ({@link DataSources}).
 *
 * <p>It is {@link Serializable} because Beam serialises the copy job (and with it the endpoints) to
 * ship it to its workers, but <b>the value is never part of the serialised form</b>: a job graph
 * is written to disk, sent over the network and kept by a cluster's job manager, so a password in
 * it would be a password in clear in all of those places. What is written instead is where a worker
 * finds the value itself: the environment variable or the file it came from on the driver ({@link
 * #fromVariable}, {@link #fromFile}), which the operator provides on the workers too, and a random
 * handle. A worker in the driver's own JVM (the direct runner, which serialises every DoFn) finds
 * the value under that handle in a JVM-local table, so the same run works even where the driver's
 * environment was given to {@link PasswordResolver} as a map; a worker elsewhere reads the variable
 * or the file. One that finds neither gets, when the value is first needed, an error that names
 * where to put it, never the value.
 *
 * <p>A secret also knows, in words that are safe to print, where it came from ({@code
 * MM_SOURCE_PASSWORD}, a file) or, when there is none, where it was looked for: a login the server
 * refuses can then say "MM_SOURCE_PASSWORD is not set" instead of the server's "(using password:
 * NO)". The origin takes no part in equality.
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Values of the secrets serialised in this JVM, by handle: what a worker in it reads back. */
  private static final Map<String, String> IN_THIS_JVM = new ConcurrentHashMap<>();

  private static final Secret NONE = new Secret("", "", null, null);

  private transient String value;
  private transient String unavailable;
  private final String origin;
  private final String variable;
  private final String file;
  private final String handle;
  private final boolean empty;

  private Secret(String value, String origin, String variable, String file) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = origin == null ? "" : origin;
    this.variable = variable;
    this.file = file;
    this.handle = UUID.randomUUID().toString();
    this.empty = value.isEmpty();
  }

  public static Secret of(String value) {
    return value == null || value.isEmpty() ? NONE : new Secret(value, "", null, null);
  }

  public static Secret none() {
    return NONE;
  }

  /**
   * The same secret with a description of where it came from (for an empty one: where it was looked
   * for). Never the value itself.
   */
  public Secret withOrigin(String newOrigin) {
    return new Secret(revealed(), newOrigin, variable, file);
  }

  /**
   * The same secret, telling a worker in another JVM to read it from the environment variable
   * {@code name} there.
   */
  public Secret fromVariable(String name) {
    return new Secret(revealed(), origin, name, null);
  }

  /** The same secret, telling a worker in another JVM to read it from the first line of {@code path}. */
  public Secret fromFile(Path path) {
    return new Secret(revealed(), origin, null, path.toAbsolutePath().toString());
  }

  /**
   * Where the value came from ({@code "MM_SOURCE_PASSWORD"}, {@code "the file /etc/mm/pw
   * (--source-password-file)"}), or for an empty secret why there is none ({@code
   * "MM_SOURCE_PASSWORD is not set and no --source-password-file was given"}); empty when unknown.
   */
  public String origin() {
    return origin;
  }

  public boolean isEmpty() {
    return revealed().isEmpty();
  }

  /**
   * The clear-text value. Only for handing to a driver.
   *
   * @throws IllegalStateException on a worker that cannot find the value (the message says where it
   *     was looked for)
   */
  public String reveal() {
    return revealed();
  }

  private String revealed() {
    if (value == null) {
      throw new WorkerEnvironmentException(unavailable);
    }
    return value;
  }

  @Override
  public String toString() {
    if (value == null) {
      return "(not available on this worker)";
    }
    return value.isEmpty() ? "(none)" : "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Objects.equals(s.value, value) && s.value != null;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  /** Forgets the values kept for this JVM's workers, as if the next read were in another JVM. */
  static void forgetValuesOfThisJvm() {
    IN_THIS_JVM.clear();
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    if (value != null) {
      IN_THIS_JVM.putIfAbsent(handle, value);
    }
    out.defaultWriteObject();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    value = empty ? "" : IN_THIS_JVM.get(handle);
    if (value != null) {
      return;
    }
    if (variable != null) {
      String fromEnv = System.getenv(variable);
      value = fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
      if (value == null) {
        unavailable =
            "the password that came from "
                + variable
                + " on the machine that started the job is not set on this worker: set "
                + variable
                + " in the environment of every worker process too (docs/distributed.md)";
      }
    } else if (file != null) {
      try {
        value = PasswordResolver.readFile(Path.of(file), "the password file " + file).reveal();
      } catch (IllegalArgumentException e) {
        unavailable =
            e.getMessage()
                + " on this worker: the file must exist at the same path on every worker"
                + " (docs/distributed.md)";
      }
    } else {
      unavailable =
          "this password was given to the job directly, not through an environment variable or a"
              + " file, so a worker in another process cannot find it";
    }
  }
}
