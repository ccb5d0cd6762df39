package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointParserTest {
  private static final String HINT = "Use the environment.";

  private static Endpoint source(String uri) {
    return EndpointParser.parse(uri, DatabaseKind.MYSQL, "--source", HINT).endpoint();
  }

  private static Endpoint target(String uri) {
    return EndpointParser.parse(uri, DatabaseKind.POSTGRESQL, "--target", HINT).endpoint();
  }

  @Test
  void readsAMysqlUri() {
    Endpoint e = source("mysql://moodle@db.example.org:3307/moodle");
    assertEquals("db.example.org", e.host());
    assertEquals(3307, e.port());
    assertEquals("moodle", e.database());
    assertEquals("moodle", e.user());
    assertTrue(e.password().isEmpty());
    assertTrue(e.jdbcUrl().startsWith("jdbc:mysql://db.example.org:3307/moodle?"));
    assertTrue(e.jdbcUrl().contains("tinyInt1isBit=false"));
    assertFalse(e.jdbcUrl().contains("moodle@"), "the user is passed separately, not in the URL");
  }

  @Test
  void acceptsMariadbSchemeAndDefaultsPortAndHost() {
    Endpoint e = source("mariadb://root@/site");
    assertEquals("localhost", e.host());
    assertEquals(3306, e.port());
    assertEquals(DatabaseKind.MYSQL, e.kind());
  }

  @Test
  void readsAPostgresUriWithParameters() {
    Endpoint e =
        target(
            "postgresql://moodleuser@pg:5433/moodle?sslmode=verify-full&sslrootcert=/etc/ca.pem");
    assertEquals("pg", e.host());
    assertEquals(5433, e.port());
    assertEquals("verify-full", e.parameters().get("sslmode"));
    assertTrue(e.jdbcUrl().startsWith("jdbc:postgresql://pg:5433/moodle?"));
    assertTrue(e.jdbcUrl().contains("sslrootcert=%2Fetc%2Fca.pem"));
    assertEquals("moodle-migrate", e.parameters().get("ApplicationName"));
  }

  @Test
  void acceptsJdbcUrlsWithUserParameter() {
    Endpoint e = source("jdbc:mysql://h:3306/db?user=admin&useSSL=true");
    assertEquals("admin", e.user());
    assertEquals("true", e.parameters().get("useSSL"));
    assertFalse(e.parameters().containsKey("user"));
    Endpoint m = source("jdbc:mariadb://h/db?user=x");
    assertEquals(DatabaseKind.MYSQL, m.kind());
    assertEquals("h", target("jdbc:postgresql://h/db?user=p").host());
  }

  @Test
  void passesQueryParametersButEnforcesTheOnesTheMigrationNeeds() {
    EndpointParser.ParsedEndpoint parsed =
        EndpointParser.parse(
            "mysql://u@h/db?tinyInt1isBit=true&sslMode=REQUIRED&TINYINT1ISBIT=yes",
            DatabaseKind.MYSQL,
            "--source",
            HINT);
    assertEquals("false", parsed.endpoint().parameters().get("tinyInt1isBit"));
    assertEquals("REQUIRED", parsed.endpoint().parameters().get("sslMode"));
    assertEquals(
        1,
        parsed.endpoint().parameters().keySet().stream()
            .filter(k -> k.equalsIgnoreCase("tinyInt1isBit"))
            .count());
    assertTrue(parsed.overridden().containsKey("tinyInt1isBit"));
  }

  @Test
  void letsTheUserOverrideDefaults() {
    assertEquals(
        "false",
        source("mysql://u@h/db?allowPublicKeyRetrieval=false")
            .parameters()
            .get("allowPublicKeyRetrieval"));
    assertEquals("true", source("mysql://u@h/db").parameters().get("allowPublicKeyRetrieval"));
  }

  @Test
  void decodesPercentEncodedNames() {
    Endpoint e = source("mysql://us%40er@h/my%20db");
    assertEquals("us@er", e.user());
    assertEquals("my db", e.database());
    assertTrue(e.jdbcUrl().contains("/my%20db"));
  }

  @Test
  void readsIpv6Hosts() {
    Endpoint e = target("postgresql://u@[::1]:5432/db");
    assertEquals("::1", e.host());
    assertTrue(e.jdbcUrl().startsWith("jdbc:postgresql://[::1]:5432/db"));
  }

  @Test
  void refusesPasswordsOnTheCommandLine() {
    IllegalArgumentException inUserInfo =
        assertThrows(IllegalArgumentException.class, () -> source("mysql://u:s3cret@h/db"));
    assertTrue(inUserInfo.getMessage().contains("--source"));
    assertTrue(inUserInfo.getMessage().contains(HINT));
    assertFalse(inUserInfo.getMessage().contains("s3cret"), inUserInfo.getMessage());
    IllegalArgumentException inParameter =
        assertThrows(
            IllegalArgumentException.class, () -> target("postgresql://u@h/db?password=s3cret"));
    assertFalse(inParameter.getMessage().contains("s3cret"), inParameter.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> source("jdbc:mysql://h/db?user=u&PASSWORD=x"));
  }

  @Test
  void refusesWrongSchemesMissingDatabasesAndSeveralHosts() {
    assertThrows(IllegalArgumentException.class, () -> source("postgresql://u@h/db"));
    assertThrows(IllegalArgumentException.class, () -> target("mysql://u@h/db"));
    assertThrows(IllegalArgumentException.class, () -> source("mysql://u@h"));
    assertThrows(IllegalArgumentException.class, () -> source("mysql://u@h/"));
    assertThrows(IllegalArgumentException.class, () -> source("just-a-name"));
    assertThrows(IllegalArgumentException.class, () -> source("jdbc:mysql://h1,h2/db"));
    assertThrows(IllegalArgumentException.class, () -> source(""));
  }

  @Test
  void describeNeverShowsParametersOrPassword() {
    Endpoint e =
        source("mysql://u@h:3306/db?trustCertificateKeyStorePassword=abc")
            .withPassword(Secret.of("hunter2"));
    assertEquals("mysql://u@h:3306/db", e.describe());
    assertEquals("mysql://u@h:3306/db", e.toString());
    assertFalse(e.jdbcUrl().contains("hunter2"));
  }
}
