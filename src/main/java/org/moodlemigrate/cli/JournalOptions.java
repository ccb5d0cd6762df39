package org.moodlemigrate.cli;

import java.nio.file.Path;
import org.moodlemigrate.connect.DatabaseKind;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.settings.RunSettings;
import picocli.CommandLine.Option;

/**
 * The options of the commands that read or remove the journal only ({@code status}, {@code
 * cleanup}): the target, its password, and which schemas. They need no source.
 */
public final class JournalOptions {
  @Option(
      names = "--target",
      required = true,
      paramLabel = "URI",
      description = {
        "The PostgreSQL database: postgresql://USER@HOST:PORT/DB, or a jdbc:postgresql:// URL.",
        "Password: environment variable "
            + ConnectionOptions.TARGET_PASSWORD_VARIABLE
            + " or --target-password-file."
      })
  String target;

  @Option(
      names = "--target-password-file",
      paramLabel = "FILE",
      description = "File whose first line is the target password.")
  Path targetPasswordFile;

  @Option(
      names = "--target-password-env",
      paramLabel = "VAR",
      defaultValue = ConnectionOptions.TARGET_PASSWORD_VARIABLE,
      description =
          "The environment variable that holds the target password (default: ${DEFAULT-VALUE}).")
  String targetPasswordVariable;

  @Option(
      names = "--target-schema",
      paramLabel = "SCHEMA",
      defaultValue = RunSettings.DEFAULT_SCHEMA,
      description = "The schema Moodle uses in the target (default: ${DEFAULT-VALUE}).")
  String targetSchema;

  @Option(
      names = "--journal-schema",
      paramLabel = "SCHEMA",
      defaultValue = RunSettings.DEFAULT_JOURNAL_SCHEMA,
      description = "The tool's own schema in the target (default: ${DEFAULT-VALUE}).")
  String journalSchema;

  Endpoint targetEndpoint(CliContext context) {
    return ConnectionOptions.endpoint(
        target,
        DatabaseKind.POSTGRESQL,
        "--target",
        targetPasswordFile,
        targetPasswordVariable,
        "--target-password-file",
        context);
  }
}
