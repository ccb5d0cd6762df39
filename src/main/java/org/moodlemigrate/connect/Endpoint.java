package org.moodlemigrate.connect;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where one side of the migration lives: server, database, user, driver parameters and password.
 *
 * <p>Built by {@link EndpointParser} from the user's URI. The JDBC URL is rebuilt from the parts,
 * so that the parameters the tool depends on (see {@link DriverSettings}) always win over what the
 * user passed, and so that the password is never part of a URL: it travels separately as a {@link
 * Secret}. {@link #describe()} is the form that may appear in logs and reports.
 */
public record Endpoint(
    DatabaseKind kind,
    String host,
    int port,
    String database,
    String user,
    Map<String, String> parameters,
    Secret password)
    implements Serializable {

  public Endpoint {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    password = password == null ? Secret.none() : password;
  }

  /** The JDBC URL: no user, no password, every parameter URL-encoded. */
  public String jdbcUrl() {
    String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    StringBuilder url =
        new StringBuilder(kind.jdbcPrefix())
            .append(hostPart)
            .append(':')
            .append(port)
            .append('/')
            .append(encode(database));
    if (!parameters.isEmpty()) {
      url.append('?')
          .append(
              parameters.entrySet().stream()
                  .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                  .collect(Collectors.joining("&")));
    }
    return url.toString();
  }

  /** The same endpoint with another password. */
  public Endpoint withPassword(Secret newPassword) {
    return new Endpoint(kind, host, port, database, user, parameters, newPassword);
  }

  /** The same endpoint with one driver parameter set (replacing a previous value). */
  public Endpoint withParameter(String key, String value) {
    Map<String, String> p = new LinkedHashMap<>(parameters);
    p.put(key, value);
    return new Endpoint(kind, host, port, database, user, p, password);
  }

  /** A description safe for logs and reports: {@code mysql://user@host:port/db}, no parameters. */
  public String describe() {
    String scheme = kind == DatabaseKind.MYSQL ? "mysql" : "postgresql";
    return scheme + "://" + user + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
