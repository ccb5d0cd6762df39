package org.moodlemigrate.testing;

/**
 * Host and port of a local test server, taken from an environment variable such as {@code
 * MM_TEST_MYSQL=127.0.0.1:3307} so that a developer can point the tests at a server on another port
 * (a second MariaDB, a MySQL 8) without editing code.
 */
record ServerAddress(String host, int port) {

  static ServerAddress fromEnvironment(String variable, ServerAddress fallback) {
    return parse(System.getenv(variable), variable, fallback);
  }

  static ServerAddress parse(String value, String variable, ServerAddress fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int colon = value.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException("no port");
      }
      return new ServerAddress(
          value.substring(0, colon).strip(), Integer.parseInt(value.substring(colon + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          variable + " must look like host:port (e.g. 127.0.0.1:3306), not '" + value + "'", e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
