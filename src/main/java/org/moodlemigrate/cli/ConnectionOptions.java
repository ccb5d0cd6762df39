package org.moodlemigrate.cli;

import java.nio.file.Path;
import org.moodlemigrate.connect.DatabaseKind;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.EndpointParser;
import org.moodlemigrate.connect.PasswordResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The connection options every command shares: where the source and target are, and where their
 * passwords come from. Passwords are never options themselves.
 */
public final class ConnectionOptions {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionOptions.class);
  static final String SOURCE_PASSWORD_VARIABLE = "MM_SOURCE_PASSWORD";
  static final String TARGET_PASSWORD_VARIABLE = "MM_TARGET_PASSWORD";

  @Option(
      names = "--source",
      required = true,
      paramLabel = "URI",
      description = {
        "The MySQL/MariaDB database: mysql://USER@HOST:PORT/DB or mariadb://..., or a jdbc:mysql://"
            + " URL.",
        "Query parameters pass through to the driver (e.g. ?sslMode=VERIFY_IDENTITY).",
        "Password: environment variable "
            + SOURCE_PASSWORD_VARIABLE
            + " (or the one --source-password-env names) or --source-password-file."
      })
  String source;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "URI",
      description = {
        "The PostgreSQL database: postgresql://USER@HOST:PORT/DB, or a jdbc:postgresql:// URL.",
        "Password: environment variable "
            + TARGET_PASSWORD_VARIABLE
            + " (or the one --target-password-env names) or --target-password-file."
      })
  String target;

  @Option(
      names = "--source-password-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the source password (wins over "
              + SOURCE_PASSWORD_VARIABLE
              + ").")
  Path sourcePasswordFile;

  @Option(
      names = "--target-password-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the target password (wins over "
              + TARGET_PASSWORD_VARIABLE
              + ").")
  Path targetPasswordFile;

  @Option(
      names = "--source-password-env",
      paramLabel = "VAR",
      defaultValue = SOURCE_PASSWORD_VARIABLE,
      description =
          "The environment variable that holds the source password (default: ${DEFAULT-VALUE}).")
  String sourcePasswordVariable;

  @Option(
      names = "--target-password-env",
      paramLabel = "VAR",
      defaultValue = TARGET_PASSWORD_VARIABLE,
      description =
          "The environment variable that holds the target password (default: ${DEFAULT-VALUE}).")
  String targetPasswordVariable;

  Endpoint sourceEndpoint(CliContext context) {
    return endpoint(
        source,
        DatabaseKind.MYSQL,
        "--source",
        sourcePasswordFile,
        sourcePasswordVariable,
        "--source-password-file",
        context);
  }

  Endpoint targetEndpoint(CliContext context) {
    return endpoint(
        target,
        DatabaseKind.POSTGRESQL,
        "--target",
        targetPasswordFile,
        targetPasswordVariable,
        "--target-password-file",
        context);
  }

  static Endpoint endpoint(
      String uri,
      DatabaseKind kind,
      String option,
      Path passwordFile,
      String variable,
      String fileOption,
      CliContext context) {
    String hint =
        "Put it in the environment variable "
            + variable
            + " or in a file named by "
            + fileOption
            + ".";
    EndpointParser.ParsedEndpoint parsed = EndpointParser.parse(uri, kind, option, hint);
    parsed
        .overridden()
        .forEach(
            (key, value) ->
                LOG.warn(
                    "{}: driver parameter {}={} is replaced by the value the migration needs",
                    option,
                    key,
                    value));
    return parsed
        .endpoint()
        .withPassword(
            new PasswordResolver(context.environment())
                .resolve(passwordFile, variable, fileOption));
  }
}
