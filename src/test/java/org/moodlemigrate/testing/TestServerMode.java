package org.moodlemigrate.testing;

import java.util.Locale;

/**
 * Which servers the tests use: {@code auto} (local ones where reachable, embedded otherwise),
 * {@code local} (local ones or fail) or {@code embedded} (always embedded).
 *
 * <p>Read from the system property {@code mm.test.servers}, then the environment variable {@code
 * MM_TEST_SERVERS}. The pom passes the property to every integration test and defaults it to {@code
 * auto}, so a property value of {@code auto} gives way to the environment variable; otherwise
 * {@code MM_TEST_SERVERS=embedded mvn verify} would have no effect.
 */
enum TestServerMode {
  AUTO,
  LOCAL,
  EMBEDDED;

  static final String PROPERTY = "mm.test.servers";
  static final String ENVIRONMENT_VARIABLE = "MM_TEST_SERVERS";

  static TestServerMode configured() {
    return from(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT_VARIABLE));
  }

  static TestServerMode from(String property, String environment) {
    TestServerMode fromProperty = parse(property, PROPERTY);
    if (fromProperty != null && fromProperty != AUTO) {
      return fromProperty;
    }
    TestServerMode fromEnvironment = parse(environment, ENVIRONMENT_VARIABLE);
    return fromEnvironment != null ? fromEnvironment : AUTO;
  }

  private static TestServerMode parse(String value, String source) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + " must be auto, local or embedded, not '" + value + "'", e);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
