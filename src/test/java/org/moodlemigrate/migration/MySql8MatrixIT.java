package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The extra matrix entry where Docker exists: a real MySQL 8.4 (not MariaDB) as the source, with a
 * user on MySQL 8's default {@code caching_sha2_password} over a non-TLS connection, and {@code
 * AUTO_INCREMENT} read past MySQL 8's {@code information_schema} statistics cache. Skipped without
 * Docker; the same behaviour is covered on MariaDB by the other integration tests.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySql8MatrixIT {
  @Container
  private static final MySQLContainer<?> MYSQL =
      new MySQLContainer<>("mysql:8.4")
          .withDatabaseName("moodle")
          .withUsername("moodle")
          .withPassword("m00dle-pw");

  @Test
  void migratesFromMySql8WithCachingSha2Password() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                MYSQL.getJdbcUrl() + "?allowPublicKeyRetrieval=true&sslMode=DISABLED",
                "moodle",
                "m00dle-pw");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_flags (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, flag TINYINT(1)"
              + " NOT NULL DEFAULT 0)");
      st.execute("INSERT INTO mdl_flags (flag) VALUES (2), (-1), (127)");
      st.execute("ANALYZE TABLE mdl_flags"); // fills the statistics cache with AUTO_INCREMENT = 4
      st.execute("DELETE FROM mdl_flags WHERE id = 3");
      st.execute("INSERT INTO mdl_flags (flag) VALUES (1)"); // id 4; AUTO_INCREMENT is now 5
      st.execute("DELETE FROM mdl_flags WHERE id = 4");
    }
    try (TestDatabase target = TestServers.postgresql().createDatabase("mysql8_tgt")) {
      try (Connection c = target.connect();
          Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE mdl_flags (id BIGSERIAL PRIMARY KEY, flag SMALLINT NOT NULL DEFAULT 0)");
      }
      CliRun run =
          CliRun.process(
              Map.of("MM_SOURCE_PASSWORD", "m00dle-pw", "MM_TARGET_PASSWORD", target.password()),
              "run",
              "--source",
              "mysql://moodle@"
                  + MYSQL.getHost()
                  + ":"
                  + MYSQL.getMappedPort(3306)
                  + "/moodle?sslMode=DISABLED",
              "--target",
              target.uri());
      assertEquals(0, run.exitCode(), run.transcript());
      List<String> values = new ArrayList<>();
      try (Connection c = target.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT flag FROM mdl_flags ORDER BY id")) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      assertEquals(List.of("2", "-1"), values);
      try (Connection c = target.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT nextval('mdl_flags_id_seq')")) {
        rs.next();
        assertEquals(5, rs.getLong(1), "past the deleted ids 3 and 4");
      }
    }
  }
}
