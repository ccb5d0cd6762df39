package org.moodlemigrate.connect;

import java.io.Serializable;
import java.util.Objects;

/**
 * A password that cannot leak by accident.
 *
 * <p>Its {@link #toString()} never shows the value, so a secret that ends up in a log message, an
 * exception, a report or a debugger's variable view prints as {@code ****}. The value is only
 * reachable through {@link #reveal()}, which is called only where a JDBC connection or pool is
 * configured ({@link DataSources}). It is {@link Serializable} because Beam ships the copy job (and
 * with it the credentials the workers need) to its workers.
 *
 * <p>A secret also knows, in words that are safe to print, where it came from ({@code
 * MM_SOURCE_PASSWORD}, a file) or, when there is none, where it was looked for: a login the server
 * refuses can then say "MM_SOURCE_PASSWORD is not set" instead of the server's "(using password:
 * NO)". The origin takes no part in equality.
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Secret NONE = new Secret("");

  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = origin == null ? "" : origin;
  }

  private Secret(String value) {
    this(value, "");
  }

  public static Secret of(String value) {
    return value == null || value.isEmpty() ? NONE : new Secret(value);
  }

  public static Secret none() {
    return NONE;
  }

  /**
   * The same secret with a description of where it came from (for an empty one: where it was looked
   * for). Never the value itself.
   */
  public Secret withOrigin(String newOrigin) {
    return new Secret(value, newOrigin);
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
    return value.isEmpty();
  }

  /** The clear-text value. Only for handing to a driver. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "(none)" : "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
