package org.moodlemigrate.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code --source} and {@code --target} arguments into {@link Endpoint}s.
 *
 * <p>Accepted forms:
 *
 * <ul>
 *   <li>{@code mysql://USER@HOST:PORT/DB?param=value} and {@code mariadb://...} for the source,
 *       {@code postgresql://...} (or {@code postgres://}) for the target;
 *   <li>a full JDBC URL: {@code jdbc:mysql://...}, {@code jdbc:mariadb://...} (read with
 *       Connector/J, which speaks to MariaDB too), {@code jdbc:postgresql://...}; the user may then
 *       come from a {@code user} parameter.
 * </ul>
 *
 * <p>Query parameters pass through to the driver (TLS settings, timeouts), except the ones the
 * migration depends on ({@link DriverSettings#enforced}), which are overridden and reported by
 * {@link ParsedEndpoint#overridden()}.
 *
 * <p>A password inside the URI is refused, not silently used: a command-line argument is visible to
 * every user of the machine through the process list. The message says where to put it instead.
 */
public final class EndpointParser {
  private static final Set<String> PASSWORD_KEYS = Set.of("password", "pass", "pwd");

  private EndpointParser() {}

  /** An endpoint plus the user parameters that the tool replaced. */
  public record ParsedEndpoint(Endpoint endpoint, Map<String, String> overridden) {}

  /**
   * Parses {@code text} as an endpoint of the given kind.
   *
   * @param option the option name, for messages ({@code --source})
   * @param passwordHint how to pass the password instead, for messages
   * @throws IllegalArgumentException with a message naming the option and the problem
   */
  public static ParsedEndpoint parse(
      String text, DatabaseKind kind, String option, String passwordHint) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(option + " is empty");
    }
    String s = text.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:")) {
      s = s.substring("jdbc:".length());
      lower = lower.substring("jdbc:".length());
    }
    int colon = lower.indexOf("://");
    if (colon < 0) {
      throw new IllegalArgumentException(
          option + " must look like " + example(kind) + " or a jdbc: URL; got '" + safe(s) + "'");
    }
    String scheme = lower.substring(0, colon);
    checkScheme(scheme, kind, option);

    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          option + " is not a valid URI (" + e.getReason() + "); expected " + example(kind));
    }
    if (uri.getRawAuthority() != null && uri.getRawAuthority().contains(",")) {
      throw new IllegalArgumentException(
          option + " lists several hosts; give one server (the primary) per side");
    }

    Map<String, String> params = parseQuery(uri.getRawQuery(), option);
    for (String key : params.keySet()) {
      if (PASSWORD_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            option
                + " carries a password in its '"
                + key
                + "' parameter; a password on the"
                + " command line is visible to every user of this machine. "
                + passwordHint);
      }
    }

    String user = null;
    String rawUserInfo = uri.getRawUserInfo();
    if (rawUserInfo != null) {
      if (rawUserInfo.contains(":")) {
        throw new IllegalArgumentException(
            option
                + " carries a password (USER:PASSWORD@); a password on the command line is"
                + " visible to every user of this machine. "
                + passwordHint);
      }
      user = decode(rawUserInfo);
    }
    String userParam = params.remove("user");
    if (user == null) {
      user = userParam;
    }
    if (user == null || user.isEmpty()) {
      user = System.getProperty("user.name");
    }

    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      host = "localhost";
    } else if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? kind.defaultPort() : uri.getPort();

    String path = uri.getRawPath();
    String database = path == null || path.length() <= 1 ? "" : decode(path.substring(1));
    if (database.isEmpty() || database.contains("/")) {
      throw new IllegalArgumentException(
          option + " must name one database, as in " + example(kind));
    }

    Map<String, String> merged = new LinkedHashMap<>(DriverSettings.defaults(kind));
    merged.putAll(params);
    Map<String, String> overridden = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : DriverSettings.enforced(kind).entrySet()) {
      String given = findIgnoreCase(params, e.getKey());
      if (given != null && !given.equalsIgnoreCase(e.getValue())) {
        overridden.put(e.getKey(), given);
      }
      removeIgnoreCase(merged, e.getKey());
      merged.put(e.getKey(), e.getValue());
    }
    Endpoint endpoint = new Endpoint(kind, host, port, database, user, merged, Secret.none());
    return new ParsedEndpoint(endpoint, overridden);
  }

  private static void checkScheme(String scheme, DatabaseKind kind, String option) {
    boolean ok =
        switch (kind) {
          case MYSQL -> scheme.equals("mysql") || scheme.equals("mariadb");
          case POSTGRESQL -> scheme.equals("postgresql") || scheme.equals("postgres");
        };
    if (!ok) {
      throw new IllegalArgumentException(
          option + " has scheme '" + scheme + "'; expected " + example(kind));
    }
  }

  private static String example(DatabaseKind kind) {
    return kind == DatabaseKind.MYSQL
        ? "mysql://USER@HOST:PORT/DB (or mariadb://...)"
        : "postgresql://USER@HOST:PORT/DB";
  }

  private static Map<String, String> parseQuery(String rawQuery, String option) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key.isEmpty()) {
        throw new IllegalArgumentException(option + " has a query parameter without a name");
      }
      params.put(key, value);
    }
    return params;
  }

  private static String findIgnoreCase(Map<String, String> map, String key) {
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void removeIgnoreCase(Map<String, String> map, String key) {
    map.keySet().removeIf(k -> k.equalsIgnoreCase(key));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The URI with anything after '@' kept and the user-info part dropped, for messages. */
  private static String safe(String s) {
    int at = s.indexOf('@');
    return at < 0 ? s : "…" + s.substring(at);
  }
}
