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
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Secret NONE = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return value == null || value.isEmpty() ? NONE : new Secret(value);
  }

  public static Secret none() {
    return NONE;
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
